package e2e_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/index"
)

// TestAuditDemoBoard audits the crawled demo board: the report's numbers
// agree with the index and the board's ground truth, the planted gangs show
// up as contact clusters, and the HTML renders its charts in Chromium.
func TestAuditDemoBoard(t *testing.T) {
	b, data, _ := crawledDemo(t)
	truth := b.Truth()
	recs := records(t, data)

	out := filepath.Join(data, "report.html")
	runCLI(t, "audit", "--data", data, "--site", "demo", "--out", out)

	idx, err := index.OpenBleve(filepath.Join(data, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Build(t.Context(), idx, audit.Options{Site: "demo"})
	idx.Close()
	if err != nil {
		t.Fatal(err)
	}

	if rep.Listings != len(truth.Listings) {
		t.Errorf("report counts %d listings, the board has %d", rep.Listings, len(truth.Listings))
	}
	flagged := 0
	for _, r := range recs {
		if r.Label().Flagged() {
			flagged++
		}
	}
	if rep.Flagged != flagged {
		t.Errorf("report flags %d, the index %d", rep.Flagged, flagged)
	}
	perCity := map[string]int{}
	for _, tl := range truth.Listings {
		perCity[tl.City]++
	}
	for _, g := range rep.Cities {
		if g.Listings != perCity[g.Name] {
			t.Errorf("city %s: report %d listings, board %d", g.Name, g.Listings, perCity[g.Name])
		}
	}
	if len(rep.Cities) != len(perCity) {
		t.Errorf("report has %d cities, board %d", len(rep.Cities), len(perCity))
	}
	trueScams := 0
	for _, tl := range truth.Listings {
		if tl.Label == "scam" {
			trueScams++
		}
	}
	t.Logf("audit: %d listings, %d flagged (%.1f%%); ground truth %d scams; %d clusters", rep.Listings, rep.Flagged, 100*rep.Share(), trueScams, len(rep.Clusters))

	// Every planted gang is one cluster holding all its listings.
	clusterOf := map[string]int{}
	for i, c := range rep.Clusters {
		for _, m := range c.Listings {
			clusterOf[m.ID] = i + 1
		}
	}
	for _, gang := range truth.Clusters {
		want := 0
		for _, p := range gang.Paths {
			id := scamhunt.ListingID(b.URL + p)
			got := clusterOf[id]
			if got == 0 {
				t.Errorf("gang %s: %s is in no cluster", gang.Contact.Value, p)
				continue
			}
			if want == 0 {
				want = got
			} else if got != want {
				t.Errorf("gang %s split over clusters %d and %d", gang.Contact.Value, want, got)
			}
		}
		if want > 0 && len(rep.Clusters[want-1].Cities) < 2 {
			t.Errorf("gang %s: cluster spans cities %v, the gang posted in several", gang.Contact.Value, rep.Clusters[want-1].Cities)
		}
	}

	f, err := os.Open(filepath.Join(data, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != rep.Flagged {
		t.Errorf("CSV has %d flagged rows, the report %d", len(rows)-1, rep.Flagged)
	}

	renderAudit(t, out)
}

// renderAudit opens the report in headless Chromium, checks every chart
// drew something visible and saves a screenshot.
func renderAudit(t *testing.T, file string) {
	ctx := browser(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+file),
		chromedp.WaitVisible(chromedp.CSS("svg")),
	); err != nil {
		t.Fatalf("open the report: %v", err)
	}
	type chart struct {
		Width, Height float64
		Marks         int
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chart](`Array.from(document.querySelectorAll("svg")).map(s => {
		const r = s.getBoundingClientRect();
		return {Width: r.width, Height: r.height, Marks: s.querySelectorAll("rect, path, polyline, circle").length};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) < 3 {
		t.Errorf("%d charts rendered, want at least 3 (by category, city, date)", len(charts))
	}
	for i, c := range charts {
		if c.Width < 50 || c.Height < 30 || c.Marks < 1 {
			t.Errorf("chart %d renders %vx%v with %d marks", i, c.Width, c.Height, c.Marks)
		}
	}
	// The report lists every flagged listing; the first screen holds the
	// summary and the charts.
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, "audit-report.png", png)
}

func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	path := filepath.Join(screenshotDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
