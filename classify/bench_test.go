package classify_test

import (
	"os"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// benchListings returns listings of about 1 KB from the corpus: honest and
// scam ads, bodies repeated up to 1 KB. When withContacts is set their
// contacts are filled in as extract does, so Classify does not search for
// them.
func benchListings(b *testing.B, withContacts bool) []scamhunt.Listing {
	var ls []scamhunt.Listing
	for _, e := range readExamples(b, "testdata/heldout.jsonl") {
		l := e.Listing
		for len(l.Title)+len(l.Body)+len(l.SalaryText) < 1000 {
			l.Body += "\n" + e.Listing.Body
		}
		if withContacts {
			l.Contacts = contact.Find(l.Title + "\n" + l.Body)
			if l.Contacts == nil {
				l.Contacts = []scamhunt.Contact{}
			}
		}
		ls = append(ls, l)
	}
	return ls
}

func benchClassify(b *testing.B, c *classify.Classifier, ls []scamhunt.Listing) {
	var size int
	for _, l := range ls {
		size += len(l.Title) + len(l.Body) + len(l.SalaryText)
	}
	b.SetBytes(int64(size / len(ls)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Classify(ls[i%len(ls)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "listings/s")
}

// BenchmarkClassify is the pipeline's case: contacts already extracted.
func BenchmarkClassify(b *testing.B) {
	benchClassify(b, newClassifier(b), benchListings(b, true))
}

// BenchmarkClassifyFindContacts also searches the text for contacts
// (listings read from JSONL without them).
func BenchmarkClassifyFindContacts(b *testing.B) {
	benchClassify(b, newClassifier(b), benchListings(b, false))
}

func BenchmarkClassifyRulesOnly(b *testing.B) {
	benchClassify(b, rulesOnly(b), benchListings(b, true))
}

// BenchmarkClassifyVsRules classifies each ~1 KB listing with the rules
// and model and then with the rules alone, in the same loop, so the ratio
// of their times is measured under the same load: the model's cost over
// the rules-only path.
func BenchmarkClassifyVsRules(b *testing.B) {
	ls := benchListings(b, true)
	full, rules := newClassifier(b), rulesOnly(b)
	var tf, tr time.Duration
	i := 0
	for b.Loop() {
		l := ls[i%len(ls)]
		t0 := time.Now()
		full.Classify(l)
		t1 := time.Now()
		rules.Classify(l)
		tf, tr = tf+t1.Sub(t0), tr+time.Since(t1)
		i++
	}
	b.ReportMetric(float64(b.N)/tf.Seconds(), "listings/s")
	b.ReportMetric(float64(b.N)/tr.Seconds(), "rules-only-listings/s")
	b.ReportMetric(tf.Seconds()/tr.Seconds(), "time-vs-rules-only")
}

// BenchmarkLoadRules measures compiling rules.yaml (the automaton and the
// regexps), done once at start-up.
func BenchmarkLoadRules(b *testing.B) {
	data, err := os.ReadFile(rulesPath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := classify.LoadRules("rules.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadModel measures reading configs/model.json, done once at
// start-up while the crawl fetches its first pages.
func BenchmarkLoadModel(b *testing.B) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := classify.LoadModel(data); err != nil {
			b.Fatal(err)
		}
	}
}
