package classify_test

import (
	"bytes"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/classify"
)

var update = flag.Bool("update", false, "retrain configs/model.json from the real and synthetic corpora")

// trainingSet is what configs/model.json is trained on: the real corpus,
// and the synthetic training corpus weighted by DefaultSyntheticWeight.
func trainingSet(t testing.TB) []classify.Example {
	ex := append(readExamples(t, "testdata/real/scam.jsonl"), readExamples(t, "testdata/real/honest.jsonl")...)
	for _, e := range readExamples(t, "testdata/train.jsonl") {
		e.Weight = classify.DefaultSyntheticWeight
		ex = append(ex, e)
	}
	return ex
}

// TestModelFile checks that configs/model.json is what Train makes of the
// training set (trainingSet) with the default options, so the committed
// model can always be reproduced. go test ./classify -run TestModelFile
// -update rewrites it, as does scamhunt train (README).
func TestModelFile(t *testing.T) {
	data, err := os.ReadFile(rulesPath)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := classify.LoadRules("rules.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := classify.Train(trainingSet(t), classify.TrainOptions{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(modelPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if runtime.GOARCH != "amd64" {
		t.Skipf("model bytes are reproduced on amd64; %s may fuse multiply-adds", runtime.GOARCH)
	}
	file, err := os.ReadFile(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := classify.LoadModel(file)
	if err != nil {
		t.Fatal(err)
	}
	// Compare canonical forms, so an indented file is as good as a compact one.
	want, err := committed.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("configs/model.json is not what Train makes of the real and synthetic corpora with configs/rules.yaml; run go test ./classify -run TestModelFile -update")
	}
}

func TestTrainDeterministic(t *testing.T) {
	rs := loadRules(t)
	ex := readExamples(t, "testdata/train.jsonl")[:200]
	opts := classify.TrainOptions{Rules: rs, Epochs: 5, Buckets: 1 << 12}
	a, err := classify.Train(ex, opts)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]classify.Example(nil), ex...)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := classify.Train(shuffled, opts)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := a.MarshalJSON()
	jb, _ := b.MarshalJSON()
	if !bytes.Equal(ja, jb) {
		t.Error("Train gave different models for the same examples in another order")
	}
	if a.Info().Examples != 200 || a.Info().Epochs != 5 {
		t.Errorf("Info = %+v, want 200 examples, 5 epochs", a.Info())
	}
}

func TestModelRoundTrip(t *testing.T) {
	rs := loadRules(t)
	ex := readExamples(t, "testdata/train.jsonl")[:100]
	m, err := classify.Train(ex, classify.TrainOptions{Rules: rs, Epochs: 3, Buckets: 1 << 12})
	if err != nil {
		t.Fatal(err)
	}
	data, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := classify.LoadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := back.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("MarshalJSON, LoadModel, MarshalJSON changed the model")
	}
	a, _ := classify.New(rs, m, classify.Config{})
	b, _ := classify.New(rs, back, classify.Config{})
	for _, e := range ex[:20] {
		va, vb := a.Classify(e.Listing), b.Classify(e.Listing)
		if math.Abs(va.Score-vb.Score) > 1e-3 || va.Label != vb.Label {
			t.Errorf("%s: trained model says %s %v, reloaded %s %v", e.Listing.ID, va.Label, va.Score, vb.Label, vb.Score)
		}
	}
}

func TestLoadModelErrors(t *testing.T) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	// The scam head's first n-gram bucket moved past the last one.
	scamAt := strings.Index(good, `"scam":{"bias"`)
	first := regexp.MustCompile(`"gram_buckets":\[[0-9]+,`)
	unordered := good[:scamAt] + first.ReplaceAllLiteralString(good[scamAt:], `"gram_buckets":[999999999,`)
	cases := []struct {
		name, json, want string
	}{
		{"not json", "{", "load model: unexpected end of JSON input"},
		{"format", strings.Replace(good, classify.ModelFormat, "other/1", 1), `load model: format "other/1"`},
		{"buckets", strings.Replace(good, `"buckets":262144`, `"buckets":1000`, 1), "load model: buckets 1000: want a power of two"},
		{"dense names", strings.Replace(good, `"pay_above_rate"`, `"pay"`, 1), "load model: dense features"},
		{"bucket shape", strings.Replace(good, `"gram_buckets":[`, `"gram_buckets":[999999999,`, 1), "load model: warning head: wrong shape"},
		{"bucket order", unordered, "load model: scam head: gram bucket 999999999 out of order or range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.json == good {
				t.Fatal("test case did not change the model")
			}
			_, err := classify.LoadModel([]byte(c.json))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("LoadModel error = %v, want prefix %q", err, c.want)
			}
		})
	}
}

func TestTrainOptionsValidate(t *testing.T) {
	rs := loadRules(t)
	cases := []struct {
		name string
		o    classify.TrainOptions
		want string
	}{
		{"defaults", classify.TrainOptions{Rules: rs}, ""},
		{"no rules", classify.TrainOptions{}, "train: no rules"},
		{"buckets", classify.TrainOptions{Rules: rs, Buckets: 1000}, "train: buckets 1000: want a power of two in [2^10, 2^24]"},
		{"max n", classify.TrainOptions{Rules: rs, MaxN: 9}, "train: max n 9: want 1..5"},
		{"negative l2", classify.TrainOptions{Rules: rs, L2: -1}, "train: rates, decays and weights must be finite and >= 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.o.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("Validate() = %q, want %q", got, c.want)
			}
		})
	}
	if _, err := classify.Train(nil, classify.TrainOptions{Rules: rs}); err == nil || err.Error() != "train: no examples" {
		t.Errorf("Train(nil) error = %v, want train: no examples", err)
	}
}
