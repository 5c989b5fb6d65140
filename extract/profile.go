package extract

import (
	"fmt"
	"regexp"

	"github.com/andybalholm/cascadia"
)

// Profile tells the extractor how one board lays out its pages. It is
// decoded from the `extract:` block of a site file (configs/sites/*.yaml).
// The zero Profile is valid: every page then goes to the generic extractor,
// which reads structure and labels alone.
type Profile struct {
	// DetailURL, IndexURL, ArticleURL and OtherURL are regular expressions
	// on the URL's path, or on its path?query (/show.php?id=12) as the
	// crawler's patterns are. They are tried in the order other, detail,
	// index, article; the first that matches decides the page kind. A page
	// no pattern matches is judged by its structure. In a site file the
	// detail pattern is written once, as the top-level detail_url.
	DetailURL  string `yaml:"detail_url"`
	IndexURL   string `yaml:"index_url"`
	ArticleURL string `yaml:"article_url"`
	OtherURL   string `yaml:"other_url"`

	// Detail holds CSS selectors for the fields of a detail page. A field
	// whose selector is empty or matches nothing falls back to the generic
	// extractor.
	Detail Fields `yaml:"detail"`
	// CityTrim is a suffix cut from the city text (长春兼职 -> 长春).
	CityTrim string `yaml:"city_trim"`
	// SiteName is what the board calls itself in its page titles
	// ("兼职信息网" of "周末发传单_长春兼职_兼职信息网"): a <title> segment holding
	// it, and the channel names before it, are cut from generic titles.
	// og:site_name and the text of links to the home page are used too.
	SiteName string `yaml:"site_name"`
	// Index holds CSS selectors for the rows of an index page.
	Index IndexRows `yaml:"index"`
	// Chrome lists selectors of page furniture (header, city strip,
	// sidebar, footer) that fields, rows and body text are never read
	// from, by the Detail selectors or the generic extractor. A breadcrumb
	// inside it is still read for the city and category.
	Chrome []string `yaml:"chrome"`
}

// Fields are the CSS selectors of a detail page's fields. Each selector
// takes the first matching element's text.
type Fields struct {
	Title         string `yaml:"title"`
	Salary        string `yaml:"salary"`
	Location      string `yaml:"location"`
	Headcount     string `yaml:"headcount"`
	ContactPerson string `yaml:"contact_person"`
	Phone         string `yaml:"phone"`
	QQ            string `yaml:"qq"`
	WeChat        string `yaml:"wechat"`
	Company       string `yaml:"company"`
	Posted        string `yaml:"posted"`
	Body          string `yaml:"body"`
	City          string `yaml:"city"`
	Category      string `yaml:"category"`
}

// IndexRows are the CSS selectors of an index page: Row selects each
// listing row in the page, the others are looked up inside a row. Link
// defaults to the row's first link, Title to the link's text.
type IndexRows struct {
	Row     string `yaml:"row"`
	Link    string `yaml:"link"`
	Title   string `yaml:"title"`
	Salary  string `yaml:"salary"`
	Summary string `yaml:"summary"`
	Posted  string `yaml:"posted"`
}

// Validate compiles the profile's patterns and selectors; the error names
// the key and quotes the value at fault.
func (p Profile) Validate() error {
	_, err := p.compile()
	return err
}

// compiled is a Profile ready to run: regexps and selectors compiled once,
// shared read-only by every Extract call.
type compiled struct {
	detailURL, indexURL, articleURL, otherURL *regexp.Regexp

	detail   [nFields]cascadia.Matcher // by field; nil when not configured
	nDetail  int                       // configured detail selectors
	row      cascadia.Matcher
	rowSel   [nRowFields]cascadia.Matcher
	chrome   cascadia.Matcher
	trim     string
	siteName string
	fields   Fields // the detail selectors as written, for Check
}

// The fields of an index row, in IndexRows order.
const (
	rowLink = iota
	rowTitle
	rowSalary
	rowSummary
	rowPosted
	nRowFields
)

func (p Profile) compile() (*compiled, error) {
	c := &compiled{trim: p.CityTrim, siteName: p.SiteName, fields: p.Detail}
	res := []struct {
		key string
		src string
		dst **regexp.Regexp
	}{
		{"detail_url", p.DetailURL, &c.detailURL},
		{"index_url", p.IndexURL, &c.indexURL},
		{"article_url", p.ArticleURL, &c.articleURL},
		{"other_url", p.OtherURL, &c.otherURL},
	}
	for _, r := range res {
		if r.src == "" {
			continue
		}
		re, err := regexp.Compile(r.src)
		if err != nil {
			return nil, fmt.Errorf("%s: bad regexp %q: %w", r.key, r.src, err)
		}
		*r.dst = re
	}
	type spec struct {
		key, src string
		dst      *cascadia.Matcher
	}
	var sels []spec
	d := p.Detail.ptrs()
	for _, f := range detailFields {
		sels = append(sels, spec{"detail." + fieldNames[f], *d[f], &c.detail[f]})
	}
	sels = append(sels,
		spec{"index.row", p.Index.Row, &c.row},
		spec{"index.link", p.Index.Link, &c.rowSel[rowLink]},
		spec{"index.title", p.Index.Title, &c.rowSel[rowTitle]},
		spec{"index.salary", p.Index.Salary, &c.rowSel[rowSalary]},
		spec{"index.summary", p.Index.Summary, &c.rowSel[rowSummary]},
		spec{"index.posted", p.Index.Posted, &c.rowSel[rowPosted]},
	)
	for _, s := range sels {
		if s.src == "" {
			continue
		}
		m, err := compileSelector(s.key, s.src)
		if err != nil {
			return nil, err
		}
		*s.dst = m
	}
	for _, m := range c.detail {
		if m != nil {
			c.nDetail++
		}
	}
	if c.row == nil {
		for i, m := range c.rowSel {
			if m != nil {
				return nil, fmt.Errorf("%s: needs index.row", sels[len(sels)-nRowFields+i].key)
			}
		}
	}
	var chrome cascadia.SelectorGroup
	for i, src := range p.Chrome {
		g, err := cascadia.ParseGroup(src)
		if err != nil {
			return nil, fmt.Errorf("chrome[%d]: bad selector %q: %w", i, src, err)
		}
		chrome = append(chrome, g...)
	}
	if len(chrome) > 0 {
		c.chrome = chrome
	}
	return c, nil
}

func compileSelector(key, src string) (cascadia.Matcher, error) {
	g, err := cascadia.ParseGroup(src)
	if err != nil {
		return nil, fmt.Errorf("%s: bad selector %q: %w", key, src, err)
	}
	return g, nil
}
