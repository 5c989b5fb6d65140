package classify_test

import (
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
	rules *classify.Rules
	model *classify.Model
	err   error
}

// configs loads the committed rules and model once per test binary.
var configs = sync.OnceValue(func() loaded {
	data, err := os.ReadFile(rulesPath)
	if err != nil {
		return loaded{err: err}
	}
	rs, err := classify.LoadRules("rules.yaml", data)
	if err != nil {
		return loaded{err: err}
	}
	mb, err := os.ReadFile(modelPath)
	if err != nil {
		return loaded{err: err}
	}
	m, err := classify.LoadModel(mb)
	return loaded{rs, m, err}
})

func loadRules(t testing.TB) *classify.Rules {
	t.Helper()
	c := configs()
	if c.err != nil {
		t.Fatal(c.err)
	}
	return c.rules
}

// newClassifier returns the classifier of the committed rules and model.
func newClassifier(t testing.TB) *classify.Classifier {
	t.Helper()
	ld := configs()
	if ld.err != nil {
		t.Fatal(ld.err)
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
