package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/scamhunt/scamhunt/internal/postdate"
)

// Chart geometry, in SVG user units. Charts scale to their container.
const (
	chartW    = 560.0
	labelW    = 150.0 // left column of bar labels
	barRowH   = 22.0
	barH      = 15.0
	chartTop  = 8.0
	maxBarW   = chartW - labelW - 90 // room for the value text
	maxRows   = 20                   // bars per chart
	maxDays   = 60                   // days in the timeline
	timeH     = 220.0
	timeLeft  = 40.0
	timeBase  = 180.0 // y of the timeline's baseline
	timeBarsH = 160.0
	labelRune = 10 // runes of a label drawn; the tooltip has it all
)

// barChart is a horizontal bar chart; html.go's template draws it. All
// text is escaped by html/template.
type barChart struct {
	ID, Title, Empty string
	Width, Height    float64
	LabelX, BarX     float64
	Axis             string // SVG path of the axis
	Rows             []barRow
}

type barRow struct {
	Label, Value, Tip, Class string
	Y, TextY, W, ValueX      float64
}

// bar is one datum of a bar chart: value v drawn against the chart's max.
type bar struct {
	label, value, tip, class string
	v                        float64
}

func newBarChart(id, title string, bars []bar) barChart {
	if len(bars) > maxRows {
		bars = bars[:maxRows]
	}
	c := barChart{ID: id, Title: title, Width: chartW, LabelX: labelW - 6, BarX: labelW}
	c.Height = chartTop*2 + barRowH*float64(max(len(bars), 1))
	c.Axis = fmt.Sprintf("M%.1f %.1f V%.1f", labelW, chartTop/2, c.Height-chartTop/2)
	if len(bars) == 0 {
		c.Empty = "无数据"
	}
	top := 0.0
	for _, b := range bars {
		top = max(top, b.v)
	}
	for i, b := range bars {
		w := 0.0
		if top > 0 {
			w = maxBarW * b.v / top
		}
		if b.v > 0 {
			w = max(w, 1)
		}
		y := chartTop + barRowH*float64(i)
		c.Rows = append(c.Rows, barRow{
			Label: truncate(b.label, labelRune), Value: b.value, Tip: b.tip, Class: b.class,
			Y: y + (barRowH-barH)/2, TextY: y + barRowH/2 + 4, W: w, ValueX: labelW + w + 4,
		})
	}
	return c
}

// timeChart draws listings first seen per day (all and flagged) as bars
// and finished crawls as markers under the baseline.
type timeChart struct {
	Title, Empty  string
	Width, Height float64
	Axis          string
	Bars          []timeBar
	Runs          []runMark
	Ticks         []tick
}

type timeBar struct {
	X, W, AllY, AllH, FlagY, FlagH float64
	Tip                            string
}

type runMark struct{ Path, Tip string }

type tick struct {
	X, Y  float64
	Label string
}

func newTimeChart(title string, days []Day) timeChart {
	if len(days) > maxDays {
		days = days[len(days)-maxDays:]
	}
	c := timeChart{Title: title, Width: chartW, Height: timeH}
	c.Axis = fmt.Sprintf("M%.1f %.1f H%.1f", timeLeft, timeBase, chartW-8)
	if len(days) == 0 {
		c.Empty = "无数据"
		return c
	}
	top := 0
	for _, d := range days {
		top = max(top, d.Listings)
	}
	step := (chartW - timeLeft - 8) / float64(len(days))
	w := max(step*0.7, 1)
	scale := 0.0
	if top > 0 {
		scale = timeBarsH / float64(top)
	}
	every := max(1, len(days)/6)
	for i, d := range days {
		x := timeLeft + step*float64(i) + (step-w)/2
		allH, flagH := float64(d.Listings)*scale, float64(d.Flagged)*scale
		date := d.Date.Format("2006-01-02")
		c.Bars = append(c.Bars, timeBar{
			X: x, W: w, AllY: timeBase - allH, AllH: allH, FlagY: timeBase - flagH, FlagH: flagH,
			Tip: fmt.Sprintf("%s：首次发现 %d 条，其中标记 %d 条；抓取 %d 次，%d 页", date, d.Listings, d.Flagged, d.Crawls, d.Pages),
		})
		if d.Crawls > 0 {
			mx := x + w/2
			c.Runs = append(c.Runs, runMark{
				Path: fmt.Sprintf("M%.1f %.1f l-5 9 h10 z", mx, timeBase+2),
				Tip:  fmt.Sprintf("%s：抓取 %d 次，共 %d 页", date, d.Crawls, d.Pages),
			})
		}
		if i%every == 0 || i == len(days)-1 {
			c.Ticks = append(c.Ticks, tick{X: x + w/2, Y: timeBase + 26, Label: d.Date.Format("01-02")})
		}
	}
	c.Ticks = append(c.Ticks, tick{X: timeLeft - 4, Y: timeBase - timeBarsH + 4, Label: strconv.Itoa(top)})
	return c
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" }

// charts are the report's four charts, in page order.
func (r Report) charts() ([]barChart, timeChart) {
	var cats, types, cities []bar
	for _, g := range r.Categories {
		if g.Flagged == 0 {
			continue
		}
		cats = append(cats, bar{label: orUnknown(g.Name), v: g.Share, class: "flag",
			value: fmt.Sprintf("%s (%d/%d)", pct(g.Share), g.Flagged, g.Listings),
			tip:   fmt.Sprintf("%s：标记 %d / 共 %d 条，占 %s", orUnknown(g.Name), g.Flagged, g.Listings, pct(g.Share))})
	}
	sortBars(cats)
	for _, t := range r.ScamTypes {
		if t.Flagged == 0 {
			continue
		}
		name := t.Name
		if name == "" {
			name = t.Category
		}
		types = append(types, bar{label: name, v: float64(t.Flagged), class: "type",
			value: fmt.Sprintf("%d (%s)", t.Flagged, pct(t.Share)),
			tip:   fmt.Sprintf("%s：%d 条标记（诈骗 %d，可疑 %d），占标记的 %s", name, t.Flagged, t.Scam, t.Suspicious, pct(t.Share))})
	}
	for _, g := range r.Cities {
		if g.Flagged == 0 {
			continue
		}
		cities = append(cities, bar{label: orUnknown(g.Name), v: float64(g.Flagged), class: "flag",
			value: fmt.Sprintf("%d / %d", g.Flagged, g.Listings),
			tip:   fmt.Sprintf("%s：标记 %d / 共 %d 条，占 %s", orUnknown(g.Name), g.Flagged, g.Listings, pct(g.Share))})
	}
	return []barChart{
		newBarChart("chart-categories", "各类别标记占比", cats),
		newBarChart("chart-types", "诈骗类型分布（标记列表）", types),
		newBarChart("chart-cities", "各城市标记数量", cities),
	}, newTimeChart("按日期：首次发现与抓取", r.Days)
}

// sortBars orders bars by value, largest first, keeping ties in order.
func sortBars(bs []bar) {
	slices.SortStableFunc(bs, func(x, y bar) int { return cmp.Compare(y.v, x.v) })
}

func orUnknown(s string) string {
	if s == "" {
		return "未注明"
	}
	return s
}

// day formats a time as a date in the report's zone; "—" when zero.
func (r Report) day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(r.zone()).Format("2006-01-02")
}

func (r Report) zone() *time.Location {
	if r.Zone == nil {
		return postdate.Shanghai()
	}
	return r.Zone
}
