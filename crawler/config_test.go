package crawler_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt/crawler"
	"go.yaml.in/yaml/v3"
)

// decodeStrict decodes YAML as cmd does: unknown keys are errors.
func decodeStrict(src []byte, v any) error {
	d := yaml.NewDecoder(bytes.NewReader(src))
	d.KnownFields(true)
	return d.Decode(v)
}

func TestConfigYAML(t *testing.T) {
	src := `
start: ["http://jz.example.com/"]
allowed_hosts: [jz.example.com, m.jz.example.com]
patterns:
  list: ['^/[a-z]+/$']
  pagination: ['index_\d+\.html$']
  detail: ['^/[a-z]+/[a-z]+/\d+\.html$']
  ignore: ['^/member/', '\?sort=']
politeness:
  parallelism: 2
  delay: 1500ms
  random_delay: 500ms
  obey_robots: false
  contact: https://example.org/abuse
charset: gbk
budget: {max_depth: 6, max_pages: 1000, max_pages_per_host: 800, max_time: 2h}
retry: {max_tries: 5, base_delay: 2s, max_delay: 1m}
traps: {max_repeated_segments: 3, max_calendar_pages: 12, max_url_length: 1024}
timeout: 20s
max_body_bytes: 2000000
max_redirects: 4
drop_params: [utm_*, spm, sessionid]
`
	var got crawler.Config
	if err := decodeStrict([]byte(src), &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	want := crawler.Config{
		Start:        []string{"http://jz.example.com/"},
		AllowedHosts: []string{"jz.example.com", "m.jz.example.com"},
		Patterns: crawler.Patterns{
			List: []string{`^/[a-z]+/$`}, Pagination: []string{`index_\d+\.html$`},
			Detail: []string{`^/[a-z]+/[a-z]+/\d+\.html$`}, Ignore: []string{`^/member/`, `\?sort=`},
		},
		Politeness: crawler.Politeness{
			Parallelism: 2, Delay: crawler.Duration(1500 * time.Millisecond), RandomDelay: crawler.Duration(500 * time.Millisecond),
			ObeyRobots: ptr(false), Contact: "https://example.org/abuse",
		},
		Charset:      "gbk",
		Budget:       crawler.Budget{MaxDepth: 6, MaxPages: 1000, MaxPagesPerHost: 800, MaxTime: crawler.Duration(2 * time.Hour)},
		Retry:        crawler.Retry{MaxTries: 5, BaseDelay: crawler.Duration(2 * time.Second), MaxDelay: crawler.Duration(time.Minute)},
		Traps:        crawler.Traps{MaxRepeatedSegments: 3, MaxCalendarPages: 12, MaxURLLength: 1024},
		Timeout:      crawler.Duration(20 * time.Second),
		MaxBodyBytes: 2000000,
		MaxRedirects: 4,
		DropParams:   []string{"utm_*", "spm", "sessionid"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded config (-want +got):\n%s", diff)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestConfigYAMLErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unknown key", "politness: {delay: 1s}", "field politness not found"},
		{"bad duration", "politeness: {delay: fast}", `line 1: bad duration "fast"`},
		{"duration not scalar", "timeout: [1s]", "line 1: duration must be a string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cfg crawler.Config
			err := decodeStrict([]byte(c.src), &cfg)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("decode %q: err = %v, want it to mention %q", c.src, err, c.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  crawler.Config
		want string // "" means valid
	}{
		{"zero value", crawler.Config{}, ""},
		{"delay off", crawler.Config{Politeness: crawler.Politeness{Delay: crawler.Off}}, ""},
		{"bad start", crawler.Config{Start: []string{"ftp://x/"}}, "start[0]"},
		{"bad host", crawler.Config{AllowedHosts: []string{"ok.example.com", "http://x.com/"}}, "allowed_hosts[1]"},
		{"bad port", crawler.Config{AllowedHosts: []string{"x.com:99999"}}, "allowed_hosts[0]"},
		{"bad regexp", crawler.Config{Patterns: crawler.Patterns{Detail: []string{`\d+(`}}}, "patterns.detail[0]"},
		{"bad ignore", crawler.Config{Patterns: crawler.Patterns{Ignore: []string{"ok", "[z-a]"}}}, "patterns.ignore[1]"},
		{"negative parallelism", crawler.Config{Politeness: crawler.Politeness{Parallelism: -1}}, "politeness.parallelism"},
		{"negative random delay", crawler.Config{Politeness: crawler.Politeness{RandomDelay: -1}}, "politeness.random_delay"},
		{"negative timeout", crawler.Config{Timeout: -5}, "timeout"},
		{"negative max time", crawler.Config{Budget: crawler.Budget{MaxTime: -1}}, "budget.max_time"},
		{"negative pages", crawler.Config{Budget: crawler.Budget{MaxPages: -1}}, "budget.max_pages"},
		{"unknown charset", crawler.Config{Charset: "klingon"}, "charset"},
		{"relative contact", crawler.Config{Politeness: crawler.Politeness{Contact: "me"}}, "politeness.contact"},
		{"two-line user agent", crawler.Config{Politeness: crawler.Politeness{UserAgent: "a\r\nX-Evil: 1"}}, "politeness.user_agent"},
		{"not redis", crawler.Config{Frontier: "http://127.0.0.1:6379"}, "frontier"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.cfg.Validate()
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Validate: %v, want nil", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want+":")):
				t.Errorf("Validate: %v, want an error naming %q", err, c.want)
			}
		})
	}
}

func TestNewNeedsStart(t *testing.T) {
	if _, err := crawler.New(crawler.Config{DataDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "start") {
		t.Errorf("New without start: err = %v, want one naming start", err)
	}
}

// TestDemoProfile decodes the crawl block of the bundled demo profile.
func TestDemoProfile(t *testing.T) {
	src, err := os.ReadFile("../configs/sites/demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("demo.yaml: %v", err)
	}
	block, err := yaml.Marshal(doc["crawl"])
	if err != nil {
		t.Fatal(err)
	}
	var cfg crawler.Config
	if err := decodeStrict(block, &cfg); err != nil {
		t.Fatalf("demo.yaml crawl: %v", err)
	}
	// The site file writes its detail pattern once, at the top level, for
	// the crawler and the extractor (cmd/scamhunt fills patterns.detail).
	if d, ok := doc["detail_url"]; ok {
		cfg.Patterns.Detail = append(cfg.Patterns.Detail, d.Value)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("demo.yaml crawl: %v", err)
	}
	if cfg.Politeness.Delay != crawler.Off || len(cfg.Patterns.Detail) != 1 {
		t.Errorf("demo profile: delay %v, %d detail patterns; want off and 1", cfg.Politeness.Delay, len(cfg.Patterns.Detail))
	}
}
