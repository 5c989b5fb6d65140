package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeScript is axe-core as scripts/axe.sh installs it (make test and
// .ci/run call the script).
var axeScript = filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js")

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA, which
// include colour contrast, names of form fields, links and buttons, and the
// page's language.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Summary string   `json:"failureSummary"`
	} `json:"nodes"`
}

// axe runs axe-core's WCAG 2 A/AA rules over the current page and fails on
// any violation. Without axe-core installed it skips, except in CI.
func axe(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	src, err := os.ReadFile(axeScript)
	if err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("axe-core missing (%v): CI runs scripts/axe.sh, which needs npm", err)
		}
		t.Logf("axe-core not installed (run scripts/axe.sh): accessibility check of %s skipped", name)
		return
	}
	// DevTools evaluation is not bound by the page's script CSP.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
	run := `axe.run(document, {runOnly: {type: "tag", values: ` + axeTags + `}, resultTypes: ["violations"]}).then(r => r.violations)`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core on %s: %v", name, err)
	}
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, strings.Join(n.Target, " ")+": "+n.Summary)
		}
		t.Errorf("%s: axe %s (%s): %s\n  %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
	}
}
