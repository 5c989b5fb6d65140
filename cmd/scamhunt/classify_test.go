package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
)

// run executes the scamhunt command line with stdin as main does and
// returns stdout, stderr and an error for a non-zero exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	var err error
	if code := execute(t.Context(), &globals{}, args, strings.NewReader(stdin), &out, &errOut); code != 0 {
		err = fmt.Errorf("exit status %d: %s", code, strings.TrimSpace(errOut.String()))
	}
	return out.String(), errOut.String(), err
}

// TestClassifyRoundTrip holds the `scamhunt classify` contract other tools
// evaluate the classifier through: one verdict per input line, in order,
// with the documented keys, and evidence that is in the input.
func TestClassifyRoundTrip(t *testing.T) {
	in := []map[string]any{
		{"id": "shuadan-1", "title": "手机兼职 在家刷单日赚300", "body": "淘宝刷单，垫付本金，一单一结，佣金秒返，加薇信 abc_8899 领任务"},
		{"id": "legit-1", "title": "周末商场发传单", "body": "长春红旗街万达广场周末发传单，150元/天，日结，公司直招不收任何费用", "salary": "150元/天", "company": "长春星火广告有限公司", "city": "长春"},
		{"id": "baishi-1", "title": "招学徒", "body": "拜师费288元，包教包会，教你做网店赚钱，月入过万不是梦", "contacts": []map[string]string{{"kind": "qq", "value": "56793216", "raw": "扣扣56793216"}}},
		{"id": "legit-2", "title": "餐厅服务员", "body": "火锅店招兼职服务员，20元/小时，无需押金，谨防诈骗", "url": "http://board.test/2.html"},
	}
	var stdin strings.Builder
	for _, m := range in {
		b, _ := json.Marshal(m)
		stdin.Write(append(b, '\n'))
	}
	out, _, err := run(t, stdin.String(), "classify")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(in) {
		t.Fatalf("%d output lines for %d input lines:\n%s", len(lines), len(in), out)
	}
	for i, line := range lines {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, k := range []string{"id", "label", "score", "categories", "reasons"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, k, line)
			}
		}
		var v scamhunt.Verdict
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatal(err)
		}
		if v.ID != in[i]["id"] {
			t.Errorf("line %d: id %q, want %q (order must be kept)", i+1, v.ID, in[i]["id"])
		}
		if v.Score < 0 || v.Score > 1 || !v.Label.Valid() {
			t.Errorf("line %d: label %q score %v", i+1, v.Label, v.Score)
		}
		text := in[i]["title"].(string) + in[i]["body"].(string)
		wantScam := strings.HasPrefix(v.ID, "shuadan") || strings.HasPrefix(v.ID, "baishi")
		if wantScam {
			if v.Label != scamhunt.LabelScam {
				t.Errorf("%s: label %s, want scam (reasons %+v)", v.ID, v.Label, v.Reasons)
			}
			found := false
			for _, r := range v.Reasons {
				if r.Rule == "" || r.Field == "" {
					t.Errorf("%s: reason without rule or field: %+v", v.ID, r)
				}
				if r.Match != "" && strings.Contains(text, r.Match) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no reason's match occurs in the input: %+v", v.ID, v.Reasons)
			}
			wantCat := strings.SplitN(v.ID, "-", 2)[0]
			if !slices.Contains(v.Categories, wantCat) {
				t.Errorf("%s: categories %v, want %s among them", v.ID, v.Categories, wantCat)
			}
		} else if v.Label == scamhunt.LabelScam {
			t.Errorf("%s: honest ad labelled scam: %+v", v.ID, v.Reasons)
		}
	}
}

func TestClassifyBadLine(t *testing.T) {
	out, errOut, err := run(t, "{\"id\":\"1\",\"title\":\"服务员\",\"body\":\"20元/小时\"}\nnot json\n", "classify")
	if err == nil {
		t.Fatal("a bad input line must fail the run")
	}
	if !strings.Contains(errOut, "line 2") {
		t.Errorf("stderr %q does not name line 2", errOut)
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("%d verdicts written, want the 1 good line kept", n)
	}
}
