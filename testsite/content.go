package testsite

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt"
)

//go:embed content templates static
var files embed.FS

// catSlugs are the board's channels in display order; content/jobs/<slug>.yaml
// holds each one's honest ads.
var catSlugs = []string{"chuandan", "cuxiao", "fuwuyuan", "jiajiao", "kuaidi", "waimai", "kefu", "mote", "wangluo", "shougong"}

const numCats = 10

// The GBK-encoded city; every page under it is served in GBK.
const gbkCity = "shenyang"

type cityData struct {
	Slug      string   `yaml:"slug"`
	Name      string   `yaml:"name"`
	Province  string   `yaml:"province"`
	Area      string   `yaml:"area"`
	Weight    int      `yaml:"weight"`
	Districts []string `yaml:"districts"`
	Streets   []string `yaml:"streets"`
	Landmarks []string `yaml:"landmarks"`
	Schools   []string `yaml:"schools"`
}

type otherCity struct {
	Slug string `yaml:"slug"`
	Name string `yaml:"name"`
}

type citiesFile struct {
	Served []cityData  `yaml:"served"`
	Others []otherCity `yaml:"others"`
	Hot    []string    `yaml:"hot"`
}

// paySpec describes a going rate: a lower bound drawn from Lo, a range width
// drawn from Span, both rounded to Step, per Unit (天, 小时, 月 ... or 面议).
type paySpec struct {
	Unit   string `yaml:"unit"`
	Lo     []int  `yaml:"lo"`
	Span   []int  `yaml:"span"`
	Step   int    `yaml:"step"`
	Settle string `yaml:"settle"`
}

// slotSpec is one paragraph slot of an ad body: one of Texts is picked.
type slotSpec struct {
	Slot     string `yaml:"slot"`
	Label    string `yaml:"label"`
	Optional bool   `yaml:"optional"`
	Texts    []tmpl `yaml:"texts"`
}

type jobData struct {
	Slug      string              `yaml:"slug"`
	Name      string              `yaml:"name"`
	Weight    int                 `yaml:"weight"`
	Job       []string            `yaml:"job"`
	Companies []tmpl              `yaml:"companies"`
	Pay       []paySpec           `yaml:"pay"`
	Vars      map[string][]string `yaml:"vars"`
	Titles    []tmpl              `yaml:"titles"`
	Body      []slotSpec          `yaml:"body"`
}

type scamData struct {
	ID        string              `yaml:"id"`
	Channels  []string            `yaml:"channels"`
	Company   float64             `yaml:"company"`
	Companies []tmpl              `yaml:"companies"`
	Titles    []tmpl              `yaml:"titles"`
	Salary    []tmpl              `yaml:"salary"`
	SMS       []tmpl              `yaml:"sms"`
	Long      []slotSpec          `yaml:"long"`
	Vars      map[string][]string `yaml:"vars"`

	weights [numCats]int // parsed Channels
}

type contactWords struct {
	WeChatLabels []string `yaml:"wechat_labels"`
	QQLabels     []string `yaml:"qq_labels"`
	PhoneLabels  []string `yaml:"phone_labels"`
	Seps         []string `yaml:"seps"`
	WeChatNames  []string `yaml:"wechat_names"`
	Lines        struct {
		WeChat []tmpl `yaml:"wechat"`
		QQ     []tmpl `yaml:"qq"`
		Phone  []tmpl `yaml:"phone"`
	} `yaml:"lines"`
}

type wordsFile struct {
	Site           string              `yaml:"site"`
	Slogan         string              `yaml:"slogan"`
	Surnames       []string            `yaml:"surnames"`
	Honorifics     []string            `yaml:"honorifics"`
	ScamPersons    []string            `yaml:"scam_persons"`
	Brands         []string            `yaml:"brands"`
	AddrSuffix     []tmpl              `yaml:"addr_suffix"`
	ScamPlaces     []tmpl              `yaml:"scam_places"`
	HeadcountWords []string            `yaml:"headcount_words"`
	HardNeg        []string            `yaml:"hardneg"`
	HardNegTitles  []string            `yaml:"hardneg_titles"`
	Vars           map[string][]string `yaml:"vars"`
	Trad           string              `yaml:"trad"`
	BreakWords     []string            `yaml:"break_words"`
	BreakSymbols   []string            `yaml:"break_symbols"`
	Contact        contactWords        `yaml:"contact"`

	trad map[rune]rune
}

type article struct {
	Title   string   `yaml:"title"`
	Source  string   `yaml:"source"`
	Date    string   `yaml:"date"`
	Related []int    `yaml:"related"`
	Notices []int    `yaml:"notices"`
	Paras   []string `yaml:"paras"`
}

type partner struct {
	Name string `yaml:"name"`
	Note string `yaml:"note"`
}

type linksFile struct {
	Intro    string    `yaml:"intro"`
	Partners []partner `yaml:"partners"`
	Contact  string    `yaml:"contact"`
}

// content is everything the board is generated from, loaded from the
// embedded content/ directory and checked once.
type content struct {
	cities  citiesFile
	jobs    []jobData  // by catSlugs index
	scams   []scamData // by scamhunt.Categories index
	words   wordsFile
	news    []article
	notices []article
	links   linksFile
}

func loadContent() (*content, error) {
	c := &content{}
	if err := decodeFile("content/cities.yaml", &c.cities); err != nil {
		return nil, err
	}
	if err := decodeFile("content/words.yaml", &c.words); err != nil {
		return nil, err
	}
	if err := decodeFile("content/pages/news.yaml", &c.news); err != nil {
		return nil, err
	}
	if err := decodeFile("content/pages/notices.yaml", &c.notices); err != nil {
		return nil, err
	}
	if err := decodeFile("content/pages/links.yaml", &c.links); err != nil {
		return nil, err
	}
	c.jobs = make([]jobData, len(catSlugs))
	for i, slug := range catSlugs {
		if err := decodeFile("content/jobs/"+slug+".yaml", &c.jobs[i]); err != nil {
			return nil, err
		}
	}
	c.scams = make([]scamData, len(scamhunt.Categories))
	for i, id := range scamhunt.Categories {
		if err := decodeFile("content/scams/"+id+".yaml", &c.scams[i]); err != nil {
			return nil, err
		}
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return c, nil
}

// decodeFile decodes one embedded YAML file strictly: unknown keys are errors.
func decodeFile(name string, v any) error {
	b, err := fs.ReadFile(files, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	d := yaml.NewDecoder(bytes.NewReader(b))
	d.KnownFields(true)
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

// city returns the served city with the slug, or -1.
func (c *content) city(slug string) int {
	for i, ct := range c.cities.Served {
		if ct.Slug == slug {
			return i
		}
	}
	return -1
}

// cat returns the channel index of the slug, or -1.
func cat(slug string) int {
	for i, s := range catSlugs {
		if s == slug {
			return i
		}
	}
	return -1
}

// parseTrad reads "单單 佣傭 ..." pairs.
func parseTrad(s string) (map[rune]rune, error) {
	m := map[rune]rune{}
	for _, f := range strings.Fields(s) {
		r := []rune(f)
		if len(r) != 2 {
			return nil, fmt.Errorf("trad pair %q is not two characters", f)
		}
		m[r[0]] = r[1]
	}
	return m, nil
}
