package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/configs"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// classifierFlags choose the rules and model; the bundled ones by default.
type classifierFlags struct {
	rules, model string
	noModel      bool
}

func (f *classifierFlags) add(fl *pflag.FlagSet) {
	fl.StringVar(&f.rules, "rules", "", "rules file (default: the bundled configs/rules.yaml)")
	fl.StringVar(&f.model, "model", "", "model file (default: the bundled configs/model.json)")
	fl.BoolVar(&f.noModel, "no-model", false, "classify with the rules alone")
}

func readConfig(file, bundled string) (name string, data []byte, err error) {
	if file != "" {
		data, err = os.ReadFile(file)
		return file, data, err
	}
	data, err = fs.ReadFile(configs.FS, bundled)
	return "configs/" + bundled, data, err
}

// classifierFiles are the rules and model files' names and contents, read
// once for both the classifier and its provenance, so the provenance names
// the very bytes the classifier was built from.
type classifierFiles struct {
	rname, mname string
	rules, model []byte // model nil with --no-model
}

func (f classifierFlags) read() (classifierFiles, error) {
	var cf classifierFiles
	var err error
	if cf.rname, cf.rules, err = readConfig(f.rules, "rules.yaml"); err != nil {
		return cf, fmt.Errorf("rules: %w", err)
	}
	if !f.noModel {
		if cf.mname, cf.model, err = readConfig(f.model, "model.json"); err != nil {
			return cf, fmt.Errorf("model: %w", err)
		}
	}
	return cf, nil
}

// load builds the classifier.
func (f classifierFlags) load() (*classify.Classifier, error) {
	cf, err := f.read()
	if err != nil {
		return nil, err
	}
	return cf.load()
}

func (cf classifierFiles) load() (*classify.Classifier, error) {
	rules, err := classify.LoadRules(cf.rname, cf.rules)
	if err != nil {
		return nil, err
	}
	var model *classify.Model
	if cf.model != nil {
		if model, err = classify.LoadModel(cf.model); err != nil {
			return nil, fmt.Errorf("%s: %w", cf.mname, err)
		}
	}
	return classify.New(rules, model, classify.Config{})
}

// checker classifies pasted text for the check-an-ad form, and says when
// a text holds nothing to judge.
type checker struct{ c *classify.Classifier }

func (k checker) Check(text string) scamhunt.Verdict {
	return k.c.Classify(checkListing(text))
}

// HasEvidence reports whether the classifier finds anything in text to
// judge (web.EvidenceChecker).
func (k checker) HasEvidence(text string) bool {
	return k.c.HasEvidence(checkListing(text))
}

// checkListing is a pasted text as the listing the check form judges.
func checkListing(text string) scamhunt.Listing {
	return scamhunt.Listing{ID: "check", Body: text, Contacts: contact.Find(text)}
}

// judge is a classifier and what its verdicts record as their provenance.
type judge struct {
	*classify.Classifier
	prov  scamhunt.Provenance // without ClassifiedAt
	maker string              // prov.Maker()
}

// judge builds the classifier of f with what its verdicts record as their
// provenance. Its files resolve where the command line was given (a serve
// runs other processes' commands).
func (f classifierFlags) judge(g *globals) (judge, error) {
	_, ready, err := f.judgeLater(g)
	if err != nil {
		return judge{}, err
	}
	return ready()
}

// judgeLater is judge with the rules and model loading in the background
// (the model takes a tenth of a second): j has the provenance, known at
// once from the files' hashes, and no classifier; ready waits for the
// load and returns the whole judge, the same to every caller.
func (f classifierFlags) judgeLater(g *globals) (j judge, ready func() (judge, error), err error) {
	f.rules, f.model = g.file(f.rules), g.file(f.model)
	cf, err := f.read()
	if err != nil {
		return judge{}, nil, err
	}
	prov := f.provenance(cf)
	j = judge{prov: prov, maker: prov.Maker()}
	type loaded struct {
		c   *classify.Classifier
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		c, err := cf.load()
		done <- loaded{c, err}
	}()
	return j, sync.OnceValues(func() (judge, error) {
		l := <-done
		if l.err != nil {
			return judge{}, l.err
		}
		whole := j
		whole.Classifier = l.c
		return whole, nil
	}), nil
}

// laterClassifier classifies with the judge once it has loaded. A judge
// that failed to load gives empty verdicts: the index stage (storedIndex)
// waits for the same judge and fails its batch, so none is stored.
type laterClassifier func() (judge, error)

func (c laterClassifier) Classify(l scamhunt.Listing) scamhunt.Verdict {
	j, err := c()
	if err != nil {
		return scamhunt.Verdict{ID: l.ID}
	}
	return j.Classify(l)
}

// made is the provenance of a verdict j made at at.
func (j judge) made(at time.Time) *scamhunt.Provenance {
	p := j.prov
	p.ClassifiedAt = at.UTC()
	return &p
}

// fingerprint names what makes j's verdicts (Provenance.Maker): a verdict
// with another one, or none, was made by another classifier or build and
// is out of date. The listing store keeps the fingerprint its verdicts
// were made with; a change classifies every listing again.
func (j judge) fingerprint() string { return j.maker }

// current says whether a verdict with provenance p was made by this
// classifier and build.
func (j judge) current(p *scamhunt.Provenance) bool {
	return p != nil && p.Maker() == j.fingerprint()
}

// provenance names the rules and model in use by content hash (a file of
// the operator's by its base name only, so no local path ends up in a
// dataset) and the scamhunt build: two verdicts made with the same
// classifier say the same.
func (f classifierFlags) provenance(cf classifierFiles) scamhunt.Provenance {
	name := func(file, read string) string {
		if file != "" {
			return filepath.Base(read)
		}
		return read
	}
	p := scamhunt.Provenance{Rules: fmt.Sprintf("%s sha256:%.12s", name(f.rules, cf.rname), scamhunt.ContentHash(cf.rules)), Tool: toolVersion()}
	if cf.model != nil {
		p.Model = fmt.Sprintf("%s sha256:%.12s", name(f.model, cf.mname), scamhunt.ContentHash(cf.model))
	}
	return p
}

// toolVersion is this build of scamhunt: its module version and, when
// built from a checkout, the VCS revision ("+dirty" if modified).
func toolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "scamhunt (unknown build)"
	}
	v := "scamhunt " + bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return v
}
