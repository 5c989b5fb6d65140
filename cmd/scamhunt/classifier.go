package main

import (
	"fmt"
	"io/fs"
	"os"

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

// load builds the classifier.
func (f classifierFlags) load() (*classify.Classifier, error) {
	name, data, err := readConfig(f.rules, "rules.yaml")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	rules, err := classify.LoadRules(name, data)
	if err != nil {
		return nil, err
	}
	var model *classify.Model
	if !f.noModel {
		name, data, err := readConfig(f.model, "model.json")
		if err != nil {
			return nil, fmt.Errorf("model: %w", err)
		}
		if model, err = classify.LoadModel(data); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return classify.New(rules, model, classify.Config{})
}

// checker classifies pasted text for the check-an-ad form.
type checker struct{ c *classify.Classifier }

func (k checker) Check(text string) scamhunt.Verdict {
	return k.c.Classify(scamhunt.Listing{ID: "check", Body: text, Contacts: contact.Find(text)})
}

// resolved returns f with its files resolved where the command line was
// given (a serve runs other processes' commands).
func (f classifierFlags) resolved(g *globals) classifierFlags {
	f.rules, f.model = g.file(f.rules), g.file(f.model)
	return f
}

// fingerprint names the rules and model by content alone: verdicts made
// with another fingerprint are out of date.
func (f classifierFlags) fingerprint() (string, error) {
	_, rules, err := readConfig(f.rules, "rules.yaml")
	if err != nil {
		return "", fmt.Errorf("rules: %w", err)
	}
	model := []byte("no model")
	if !f.noModel {
		if _, model, err = readConfig(f.model, "model.json"); err != nil {
			return "", fmt.Errorf("model: %w", err)
		}
	}
	return scamhunt.ContentHash([]byte(scamhunt.ContentHash(rules) + scamhunt.ContentHash(model))), nil
}

// version names the rules and model in use by content hash, for data cards
// and reports: two exports made with the same classifier say the same.
func (f classifierFlags) version() (string, error) {
	rname, rules, err := readConfig(f.rules, "rules.yaml")
	if err != nil {
		return "", err
	}
	v := fmt.Sprintf("%s sha256:%.12s", rname, scamhunt.ContentHash(rules))
	if f.noModel {
		return v + ", no model", nil
	}
	mname, model, err := readConfig(f.model, "model.json")
	if err != nil {
		return "", err
	}
	return v + fmt.Sprintf(", %s sha256:%.12s", mname, scamhunt.ContentHash(model)), nil
}
