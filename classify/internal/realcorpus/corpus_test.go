package realcorpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/classify/internal/realcorpus"
)

// corpusDir is the committed real corpus.
const corpusDir = "../../testdata/real"

// corpusFiles are the corpus and its fresh set (fresh/PROVENANCE.md),
// which is held to the same format and kept apart from training.
var corpusFiles = []string{"scam.jsonl", "honest.jsonl", "fresh/scam.jsonl", "fresh/honest.jsonl"}

// sharedDir is ../shared beside the repository, or $SCAMHUNT_SHARED; ""
// when it is absent.
func sharedDir() string {
	dir := os.Getenv("SCAMHUNT_SHARED")
	if dir == "" {
		dir = "../../../../shared"
	}
	if _, err := os.Stat(filepath.Join(dir, "eval", "sealed_overlap.py")); err != nil {
		return ""
	}
	return dir
}

// TestCorpusIntegrity holds every record of the real corpus to the format
// CORPUS.md gives (Check), each text once (by Key), each ID once, no
// denied source, scam texts in scam.jsonl and honest ones in honest.jsonl,
// at least 250 of each, every scam type present.
func TestCorpusIntegrity(t *testing.T) {
	keys := map[string]string{}
	ids := map[string]bool{}
	cats := map[string]int{}
	for _, name := range corpusFiles {
		ls, err := realcorpus.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(ls) == 0 {
			t.Errorf("%s is empty", name)
		}
		wantLabel := map[string]string{"scam.jsonl": "scam", "honest.jsonl": "legit"}[filepath.Base(name)]
		for _, l := range ls {
			at := name + ":" + l.ID
			if err := l.Check(); err != nil {
				t.Errorf("%s: %v", at, err)
			}
			if l.Label != wantLabel {
				t.Errorf("%s: label %s in %s", at, l.Label, name)
			}
			if prev, ok := keys[l.Key()]; ok {
				t.Errorf("%s: same text as %s", at, prev)
			}
			keys[l.Key()] = at
			if ids[l.ID] {
				t.Errorf("%s: id used twice", at)
			}
			ids[l.ID] = true
			if d := realcorpus.DeniedSource(l.Source); d != "" {
				t.Errorf("%s: source %s is denied (%s)", at, l.Source, d)
			}
			cats[l.Label+"/"+l.Category]++
		}
	}
	scam, honest := 0, 0
	for k, n := range cats {
		if strings.HasPrefix(k, "scam/") {
			scam += n
		} else {
			honest += n
		}
	}
	if scam < 250 || honest < 250 {
		t.Errorf("%d scam and %d honest texts, want at least 250 of each (issue 10)", scam, honest)
	}
	for _, c := range []string{"shuadan", "baishi", "deposit", "typing", "advance", "review_extortion", "downline"} {
		if cats["scam/"+c] == 0 {
			t.Errorf("no scam text of type %s", c)
		}
	}
	for _, c := range []string{"honest_ad", "warning"} {
		if cats["legit/"+c] == 0 {
			t.Errorf("no honest text of category %s", c)
		}
	}
	t.Logf("categories: %v", cats)
}

// TestCorpusContext holds the context marks of scam.jsonl and
// fresh/scam.jsonl to the context.tsv beside each, the one place the
// annotation is kept: the same ids, all scam texts.
func TestCorpusContext(t *testing.T) {
	for _, dir := range []string{corpusDir, filepath.Join(corpusDir, "fresh")} {
		table, err := realcorpus.ReadTableFile(filepath.Join(dir, "context.tsv"), realcorpus.ReadContext)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := realcorpus.ReadFile(filepath.Join(dir, "scam.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		recs := make([]realcorpus.Record, len(ls))
		marked := 0
		for i, l := range ls {
			recs[i] = l.Record
			recs[i].Context = false
			if l.Context {
				marked++
			}
		}
		if err := realcorpus.MarkContext(recs, table); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for i, l := range ls {
			if recs[i].Context != l.Context {
				t.Errorf("%s:%d %s: context %v, context.tsv says %v", l.File, l.N, l.ID, l.Context, recs[i].Context)
			}
		}
		if marked == 0 {
			t.Errorf("%s: no scam text is marked as a context line", dir)
		}
		t.Logf("%s: %d of %d scam texts are context lines", dir, marked, len(ls))
	}
}

// TestCorpusSealedOverlap runs ../shared/eval/sealed_overlap.py on every
// corpus file: no record may copy a text of the sealed evaluation set.
// It skips only where ../shared is absent.
func TestCorpusSealedOverlap(t *testing.T) {
	dir := sharedDir()
	if dir == "" {
		t.Skip("../shared is absent: the sealed-overlap check cannot run")
	}
	var files []string
	for _, name := range corpusFiles {
		files = append(files, filepath.Join(corpusDir, name))
	}
	listed, err := realcorpus.Sealed(t.Context(), filepath.Join(dir, "eval", "sealed_overlap.py"), files...)
	if err != nil {
		t.Fatal(err)
	}
	for file, lines := range listed {
		for n := range lines {
			t.Errorf("%s:%d copies a sealed evaluation text; re-run realimport", file, n)
		}
	}
}
