package classify_test

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/scamhunt/scamhunt/classify"
)

const (
	rulesPath = "../configs/rules.yaml"
	modelPath = "../configs/model.json"
)

type loaded struct {
	rules         *classify.Rules
	model         *classify.Model
	rulesErr, err error
}

// configs loads the committed rules and model once per test binary; err
// is the model's error, rulesErr the rules'.
var configs = sync.OnceValue(func() loaded {
	data, err := os.ReadFile(rulesPath)
	if err != nil {
		return loaded{rulesErr: err}
	}
	rs, err := classify.LoadRules("rules.yaml", data)
	if err != nil {
		return loaded{rulesErr: err}
	}
	mb, err := os.ReadFile(modelPath)
	if err != nil {
		return loaded{rules: rs, err: err}
	}
	m, err := classify.LoadModel(mb)
	return loaded{rules: rs, model: m, err: err}
})

func loadRules(t testing.TB) *classify.Rules {
	t.Helper()
	c := configs()
	if c.rulesErr != nil {
		t.Fatal(c.rulesErr)
	}
	return c.rules
}

// newClassifier returns the classifier of the committed rules and model.
func newClassifier(t testing.TB) *classify.Classifier {
	t.Helper()
	ld := configs()
	if ld.rulesErr != nil || ld.err != nil {
		t.Fatal(errors.Join(ld.rulesErr, ld.err))
	}
	c, err := classify.New(ld.rules, ld.model, classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rulesOnly returns a classifier of the committed rules without a model.
func rulesOnly(t testing.TB) *classify.Classifier {
	t.Helper()
	c, err := classify.New(loadRules(t), nil, classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readExamples(t testing.TB, path string) []classify.Example {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := classify.ReadLabelled(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return ex
}

// sharedData returns the path of a file of ../shared/data (beside the
// repository, or under $SCAMHUNT_SHARED), "" when it is absent: those
// files are not in the repository and their licences allow evaluation
// only.
func sharedData(name string) string {
	dir := os.Getenv("SCAMHUNT_SHARED")
	if dir == "" {
		dir = "../../shared"
	}
	p := filepath.Join(dir, "data", name)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// realCorpus reads the real corpus, scam and honest texts.
func realCorpus(t testing.TB) []classify.Example {
	return append(readExamples(t, "testdata/real/scam.jsonl"), readExamples(t, "testdata/real/honest.jsonl")...)
}
