package web

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt/configs"
)

func bundled(t *testing.T) *explanations {
	t.Helper()
	e, err := bundledExplanations()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// reasonIDs are every rule id a verdict's reasons can carry: the rules of
// configs/rules.yaml, "model.<feature>" for each feature of
// configs/model.json, and the ids written as string constants in classify
// (model.ngram, reputation.shared_contact, ...).
func reasonIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	data, err := fs.ReadFile(configs.FS, "rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Rules []struct{ ID string } `yaml:"rules"`
	}
	if err := yaml.Unmarshal(data, &rules); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.Rules {
		ids = append(ids, r.ID)
	}
	if data, err = fs.ReadFile(configs.FS, "model.json"); err != nil {
		t.Fatal(err)
	}
	var model struct{ Dense []string }
	if err := json.Unmarshal(data, &model); err != nil {
		t.Fatal(err)
	}
	if len(rules.Rules) < 20 || len(model.Dense) < 5 {
		t.Fatalf("%d rules and %d model features: the files did not decode", len(rules.Rules), len(model.Dense))
	}
	for _, f := range model.Dense {
		ids = append(ids, "model."+f)
	}
	files, err := filepath.Glob(filepath.Join("..", "classify", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`^(?:model|reputation)\.[a-z_]+$`)
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && literal.MatchString(s) {
					ids = append(ids, s)
				}
			}
			return true
		})
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestEveryReasonIsExplained holds configs/explain.yaml to the rules and
// the model: every reason id has its own plain-Chinese entry, and every
// entry belongs to a reason that exists.
func TestEveryReasonIsExplained(t *testing.T) {
	e := bundled(t)
	ids := reasonIDs(t)
	for _, want := range []string{"shuadan.tasks", "model.obfuscated_contact", "model.ngram", "reputation.shared_contact"} {
		if !slices.Contains(ids, want) {
			t.Fatalf("reason ids %v lack %s: the test no longer sees every id", ids, want)
		}
	}
	for _, id := range ids {
		if _, ok := e.Reasons[id]; !ok {
			t.Errorf("configs/explain.yaml: reason %s has no explanation (it would show its category's fallback)", id)
		}
	}
	for id := range e.Reasons {
		if !slices.Contains(ids, id) {
			t.Errorf("configs/explain.yaml: reason %s explains no rule or model feature", id)
		}
	}
}

// TestExplanationsArePlainSentences: a title is a few words, a why or a
// step one Chinese sentence, none of them English.
func TestExplanationsArePlainSentences(t *testing.T) {
	e := bundled(t)
	oneSentence := func(what, s string) {
		t.Helper()
		if !strings.HasSuffix(s, "。") || strings.ContainsAny(strings.TrimSuffix(s, "。"), "。！？!?") {
			t.Errorf("%s: want one sentence ending in 。: %q", what, s)
		}
	}
	plain := func(what, s string) {
		t.Helper()
		// Latin letters only as names people see on their phone: App, QQ, V信.
		for _, w := range regexp.MustCompile(`[A-Za-z]+`).FindAllString(s, -1) {
			if !slices.Contains([]string{"App", "QQ", "V", "Telegram"}, w) {
				t.Errorf("%s: English word %q in %q", what, w, s)
			}
		}
	}
	title := func(what, s string) {
		t.Helper()
		if n := utf8.RuneCountInString(s); n > 16 || strings.ContainsAny(s, "。！？") {
			t.Errorf("%s: a title is a few words without a full stop, got %q (%d runes)", what, s, n)
		}
		plain(what, s)
	}
	for id, r := range e.Reasons {
		title(id, r.Title)
		oneSentence(id, r.Why)
		plain(id, r.Why)
	}
	for c, ct := range e.Categories {
		title(c, ct.Title)
		oneSentence(c, ct.Why)
		plain(c, ct.Why)
	}
	for _, s := range e.NextSteps {
		title("next step", s.Title)
		oneSentence("next step "+s.Title, s.Text)
	}
	for name, s := range map[string]string{"act_now": e.ActNow, "clear": e.Caveats.Clear, "caution": e.Caveats.Caution,
		"unlisted": e.Caveats.Unlisted, "lookup": e.Caveats.Lookup, "bare": e.Caveats.Bare, "thin": e.Caveats.Thin, "common": e.Caveats.Common} {
		oneSentence(name, s)
		plain(name, s)
	}
	steps := ""
	for _, s := range e.NextSteps {
		steps += s.Title + s.Text
	}
	for _, want := range []string{"110", "96110", "国家反诈中心", "12321", "截图", "聊天记录", "转账记录", "不交任何押金", "不再回复"} {
		if !strings.Contains(steps, want) {
			t.Errorf("next steps do not say %q", want)
		}
	}
}

func TestParseExplanationsRejects(t *testing.T) {
	data, err := fs.ReadFile(configs.FS, explainFile)
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	tests := []struct{ name, file, want string }{
		{"empty", "", "x.yaml: empty"},
		{"unknown key", good + "\nextra: 1\n", "field extra not found"},
		{"unknown reason key", strings.Replace(good, "    title: 招人刷单、刷信誉\n", "    title: 招人刷单、刷信誉\n    note: x\n", 1), "field note not found"},
		{"category missing", strings.Replace(good, "  deposit:\n    scam:", "  deposit_x:\n    scam:", 1), "category deposit: missing"},
		{"empty why", strings.Replace(good, "    why: 每单马上结算是为了让你相信真能赚钱，好让你接下来垫付更多。\n", "    why: \"\"\n", 1),
			"reason shuadan.per_order_pay: needs title and why"},
		{"signal without a name", strings.Replace(good, "    name: 常见迹象\n", "", 1), "category signal: needs name"},
		{"no steps", good[:strings.Index(good, "next_steps:")] + "caveats: {clear: a, caution: b, unlisted: c, lookup: d, bare: e, thin: f}\n", "next_steps and act_now: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.file == good {
				t.Fatal("the edit did not apply")
			}
			_, err := parseExplanations("x.yaml", []byte(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestMissingEntryFallsBack: a rule added to rules.yaml before it is
// explained reads as its category; an unknown category as a common sign.
func TestMissingEntryFallsBack(t *testing.T) {
	e := bundled(t)
	tests := []struct {
		rule, category string
		want           explainText
	}{
		{"shuadan.tasks", "shuadan", e.Reasons["shuadan.tasks"]},
		{"shuadan.brand_new_rule", "shuadan", e.Categories["shuadan"].explainText},
		{"deposit.brand_new_rule", "deposit", e.Categories["deposit"].explainText},
		{"new.rule", "new_category", e.Categories[signalCategory].explainText},
	}
	for _, tt := range tests {
		if got := e.reason(tt.rule, tt.category); got != tt.want || got.Title == "" {
			t.Errorf("reason(%s, %s) = %+v, want %+v", tt.rule, tt.category, got, tt.want)
		}
	}
	if got := e.categoryName(signalCategory); got != "常见迹象" {
		t.Errorf("signal is called %q", got)
	}
	if got := e.categoryName("shuadan"); got != "刷单返利" {
		t.Errorf("shuadan is called %q", got)
	}
}
