package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/configs"
)

// explainFile is the bundled configs/explain.yaml: what the public pages
// say about reasons, in plain Chinese.
const explainFile = "explain.yaml"

// signalCategory is the category of reasons that are evidence but name no
// scam type.
const signalCategory = "signal"

// Step is one thing to do after meeting a scam.
type Step struct {
	Title string `json:"title" yaml:"title"`
	Text  string `json:"text" yaml:"text"`
}

// explainText is what a reason or a category's fallback says: a few words
// naming the sign and one sentence on why it is how the scam works.
type explainText struct {
	Title string `yaml:"title"`
	Why   string `yaml:"why"`
}

type categoryText struct {
	Name        string `yaml:"name"`
	Scam        string `yaml:"scam"`
	explainText `yaml:",inline"`
}

type caveats struct {
	Clear    string `yaml:"clear"`
	Caution  string `yaml:"caution"`
	Unlisted string `yaml:"unlisted"`
	Lookup   string `yaml:"lookup"`
	Bare     string `yaml:"bare"` // a clear verdict on a text with nothing to judge
	// Thin: a flag that rests on the model's reading of what a text talks
	// of (money, earning) with no rule fired and no contact in it
	Thin string `yaml:"thin"`
	// Common: the same, with a sign honest ads share as well (日结,
	// 无需经验, 名额有限) among the reasons
	Common string `yaml:"common"`
}

// explanations is the decoded explain.yaml.
type explanations struct {
	Categories map[string]categoryText `yaml:"categories"`
	Reasons    map[string]explainText  `yaml:"reasons"`
	ActNow     string                  `yaml:"act_now"`
	NextSteps  []Step                  `yaml:"next_steps"`
	Caveats    caveats                 `yaml:"caveats"`
}

// bundledExplanations decodes the explain.yaml embedded in package configs.
func bundledExplanations() (*explanations, error) {
	data, err := fs.ReadFile(configs.FS, explainFile)
	if err != nil {
		return nil, err
	}
	return parseExplanations("configs/"+explainFile, data)
}

// parseExplanations decodes an explanations file strictly and checks that
// every scam type and the signal category have a fallback, so a reason id
// without an entry still reads as plain Chinese.
func parseExplanations(name string, data []byte) (*explanations, error) {
	var e explanations
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&e); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var problems []string
	for _, c := range append(slices.Clone(scamhunt.Categories), signalCategory) {
		ct, ok := e.Categories[c]
		switch {
		case !ok:
			problems = append(problems, "category "+c+": missing")
		case ct.Title == "" || ct.Why == "":
			problems = append(problems, "category "+c+": needs title and why")
		case c != signalCategory && ct.Scam == "":
			problems = append(problems, "category "+c+": needs scam")
		case scamhunt.CategoryNames[c] == "" && ct.Name == "":
			problems = append(problems, "category "+c+": needs name")
		}
	}
	for id, r := range e.Reasons {
		if r.Title == "" || r.Why == "" {
			problems = append(problems, "reason "+id+": needs title and why")
		}
	}
	if len(e.NextSteps) == 0 || e.ActNow == "" {
		problems = append(problems, "next_steps and act_now: empty")
	}
	for i, s := range e.NextSteps {
		if s.Title == "" || s.Text == "" {
			problems = append(problems, fmt.Sprintf("next_steps[%d]: needs title and text", i))
		}
	}
	if c := e.Caveats; c.Clear == "" || c.Caution == "" || c.Unlisted == "" || c.Lookup == "" || c.Bare == "" || c.Thin == "" || c.Common == "" {
		problems = append(problems, "caveats: needs clear, caution, unlisted, lookup, bare and thin")
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("%s: %s", name, strings.Join(problems, "; "))
	}
	return &e, nil
}

// reason is what the public is told about a reason: its own entry, else
// its category's fallback, else the signal fallback. Every category the
// classifier names has a fallback (parseExplanations checks), so only a
// category unknown to the root package ends on the signal text.
func (e *explanations) reason(rule, category string) explainText {
	if t, ok := e.Reasons[rule]; ok {
		return t
	}
	if c, ok := e.Categories[category]; ok {
		return c.explainText
	}
	return e.Categories[signalCategory].explainText
}

// categoryName is the Chinese name of a category, signal included; an
// unknown category is shown as it is.
func (e *explanations) categoryName(c string) string {
	if n := scamhunt.CategoryNames[c]; n != "" {
		return n
	}
	if n := e.Categories[c].Name; n != "" {
		return n
	}
	return c
}

// scamName names a scam type in a summary ("刷单返利诈骗").
func (e *explanations) scamName(c string) string {
	if s := e.Categories[c].Scam; s != "" {
		return s
	}
	return e.categoryName(c)
}
