package audit

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/scamhunt/scamhunt"
)

//go:embed report.html.tmpl
var reportHTML string

// reportCSS is the page's only style sheet, inlined in a <style> element so
// the file stands alone.
//
//go:embed report.css
var reportCSS string

// StyleHash is the Content-Security-Policy source that allows the report's
// inline style sheet and nothing else ('sha256-...'). The page's own meta
// policy uses it; a server that serves the report sends it in its
// style-src, so the page renders as the file does without allowing
// 'unsafe-inline'.
func StyleHash() string {
	sum := sha256.Sum256([]byte(reportCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Caps on the page's city table and cluster list; the rest are counted.
const (
	maxCityRows = 100
	maxClusters = 100
)

var labelNames = map[scamhunt.Label]string{
	scamhunt.LabelScam: "诈骗", scamhunt.LabelSuspicious: "可疑", scamhunt.LabelLegit: "正常",
}

var kindNames = map[scamhunt.ContactKind]string{
	scamhunt.ContactPhone: "电话", scamhunt.ContactQQ: "QQ", scamhunt.ContactWeChat: "微信",
	scamhunt.ContactEmail: "邮箱", scamhunt.ContactURL: "网址", scamhunt.ContactTelegram: "Telegram",
}

func nameOr[K comparable](m map[K]string, k K, fallback string) string {
	if n, ok := m[k]; ok {
		return n
	}
	return fallback
}

// page is parsed on first use, not at start-up: parsing it took 5.6 ms
// of every scamhunt command's start, most of which never write a report.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"label":     func(l scamhunt.Label) string { return nameOr(labelNames, l, string(l)) },
		"kind":      func(k scamhunt.ContactKind) string { return nameOr(kindNames, k, string(k)) },
		"cat":       func(c string) string { return nameOr(scamhunt.CategoryNames, c, c) },
		"pct":       pct,
		"num":       func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"score":     func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
		"orUnknown": orUnknown,
		"css":       func() template.CSS { return template.CSS(reportCSS) },
		"styleHash": StyleHash,
	}).Parse(reportHTML))
})

// view is what the template renders: the report plus its charts and
// display strings.
type view struct {
	Report
	SiteName, Generated, CutoffText string
	BarCharts                       []barChart
	Time                            timeChart
	CityRows                        []Group
	MoreCities                      int
	ClusterRows                     []Cluster
	MoreClusters                    int
}

// Day formats t as a date in the report's zone.
func (v view) Day(t time.Time) string { return v.day(t) }

// Stamp formats t as date and minute in the report's zone.
func (v view) Stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(v.zone()).Format("2006-01-02 15:04")
}

// WriteHTML writes the report as one self-contained HTML page in Chinese:
// inline CSS (allowed by its hash, StyleHash) and SVG charts, no script, no
// external resource (a Content-Security-Policy forbids them), every scraped
// text escaped by
// html/template. The city table and the cluster list show the first 100
// and count the rest. Four charts, each an <svg> inside a <figure> with an id:
// chart-categories (flagged share per board category), chart-types
// (flagged listings per scam type), chart-cities (flagged per city) and
// chart-days (first sightings per day with crawl markers).
func (r Report) WriteHTML(w io.Writer) error {
	v := view{Report: r, SiteName: r.Site}
	v.Generated = v.Stamp(r.Now)
	if v.SiteName == "" {
		v.SiteName = "全部站点"
	}
	if r.Cutoff.IsZero() {
		v.CutoffText = "无更早的抓取，全部列表计为新增"
	} else {
		v.CutoffText = "新增：" + v.Stamp(r.Cutoff) + " 之后首次发现"
	}
	v.BarCharts, v.Time = r.charts()
	v.CityRows = r.Cities[:min(len(r.Cities), maxCityRows)]
	v.MoreCities = len(r.Cities) - len(v.CityRows)
	v.ClusterRows = r.Clusters[:min(len(r.Clusters), maxClusters)]
	v.MoreClusters = len(r.Clusters) - len(v.ClusterRows)
	if err := page().Execute(w, v); err != nil {
		return fmt.Errorf("write audit html: %w", err)
	}
	return nil
}
