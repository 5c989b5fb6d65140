package crawler_test

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt/crawler"
)

var canonicalCases = []struct {
	name, in, want string
}{
	{"already canonical", "http://example.com/a/b.html", "http://example.com/a/b.html"},
	{"fragment dropped", "http://example.com/a.html#top", "http://example.com/a.html"},
	{"host lower-cased", "HTTP://Example.COM/Path", "http://example.com/Path"},
	{"trailing dot host", "http://example.com./", "http://example.com/"},
	{"default http port", "http://example.com:80/x", "http://example.com/x"},
	{"default https port", "https://example.com:443/x", "https://example.com/x"},
	{"other port kept", "http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
	{"https port 80 kept", "https://example.com:80/", "https://example.com:80/"},
	{"empty path", "http://example.com", "http://example.com/"},
	{"dot segments", "http://example.com/a/./b/../c.html", "http://example.com/a/c.html"},
	{"dot segments past root", "http://example.com/../../a", "http://example.com/a"},
	{"trailing slash kept", "http://example.com/a/b/", "http://example.com/a/b/"},
	{"repeated slashes", "http://example.com//a///b.html", "http://example.com/a/b.html"},
	{"query sorted", "http://example.com/s?b=2&a=1&c=3", "http://example.com/s?a=1&b=2&c=3"},
	{"same key sorted by value", "http://example.com/s?k=2&k=1", "http://example.com/s?k=1&k=2"},
	{"tracking dropped", "http://example.com/j/1.html?utm_source=x&utm_medium=y&id=5&spm=a.b&from=wx", "http://example.com/j/1.html?id=5"},
	{"only tracking", "http://example.com/j/1.html?utm_campaign=z", "http://example.com/j/1.html"},
	{"empty query", "http://example.com/j?", "http://example.com/j"},
	{"empty pairs", "http://example.com/j?&&a=1&", "http://example.com/j?a=1"},
	{"key without value kept", "http://example.com/j?flag&a=1", "http://example.com/j?a=1&flag"},
	{"unreserved decoded", "http://example.com/%7Euser/%61bc", "http://example.com/~user/abc"},
	{"escape hex upper", "http://example.com/%e5%85%bc", "http://example.com/%E5%85%BC"},
	{"raw unicode path escaped", "http://example.com/兼职/", "http://example.com/%E5%85%BC%E8%81%8C/"},
	{"encoded slash kept", "http://example.com/a%2fb", "http://example.com/a%2Fb"},
	{"query chinese", "http://example.com/s?q=兼职", "http://example.com/s?q=%E5%85%BC%E8%81%8C"},
	{"query plus kept", "http://example.com/s?q=a+b", "http://example.com/s?q=a+b"},
	{"userinfo dropped", "http://user:pw@example.com/", "http://example.com/"},
	{"spaces trimmed", "  http://example.com/a  ", "http://example.com/a"},
	{"tab and newline removed", "http://exa\tmple.com/a\n/b", "http://example.com/a/b"},
	{"ipv6 default port", "http://[::1]:80/", "http://[::1]/"},
	{"ipv6 port", "http://[::1]:8080/a", "http://[::1]:8080/a"},
	{"idn host", "http://兼职.中国/", "http://xn--m6q245i.xn--fiqs8s/"},
	{"leading zero port", "http://example.com:0080/", "http://example.com/"},
	{"stray percent", "http://example.com/100%/x", "http://example.com/100%25/x"},
	{"sid dropped", "http://example.com/list?sid=9f8e7d6c5b4a3f2e&page=2", "http://example.com/list?page=2"},
	{"PHPSESSID dropped", "http://example.com/a.php?PHPSESSID=k2j4h5g6f7d8s9a0q1w2e3r4t5&id=7", "http://example.com/a.php?id=7"},
	{"sessionid dropped", "http://example.com/a?SessionId=AbCdEf0123456789", "http://example.com/a"},
	{"jsessionid path param dropped", "http://example.com/list.jsp;jsessionid=0123456789ABCDEF0123456789ABCDEF?page=3", "http://example.com/list.jsp?page=3"},
	{"jsessionid mid path", "http://example.com/a;jsessionid=0123456789abcdef/b.html", "http://example.com/a/b.html"},
	{"other path param kept", "http://example.com/a;v=2/b", "http://example.com/a;v=2/b"},
	{"ASPSESSIONID prefix", "http://example.com/a.asp?ASPSESSIONIDQQGGGNCU=ABCDEFGHIJKLMNOPQRSTUVWX", "http://example.com/a.asp"},
	{"short sid is a section, kept", "http://example.com/list?sid=12", "http://example.com/list?sid=12"},
}

func TestCanonical(t *testing.T) {
	for _, c := range canonicalCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := crawler.Canonical(c.in, crawler.DefaultDropParams)
			if err != nil {
				t.Fatalf("Canonical(%q): %v", c.in, err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Canonical(%q) (-want +got):\n%s", c.in, diff)
			}
		})
	}
}

func TestCanonicalRejects(t *testing.T) {
	for _, in := range []string{
		"", "/relative/path", "mailto:a@example.com", "javascript:alert(1)", "ftp://example.com/",
		"http://", "http:///path", "http://exa mple.com/", "http://example.com:port/", "http://]:", "http://a:b:c/",
	} {
		if got, err := crawler.Canonical(in, nil); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, c := range canonicalCases {
		f.Add(c.in)
	}
	f.Add("http://a/%zz?%=&=%&a=%2")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := crawler.Canonical(in, crawler.DefaultDropParams)
		if err != nil {
			return
		}
		again, err := crawler.Canonical(got, crawler.DefaultDropParams)
		if err != nil {
			t.Fatalf("Canonical(%q) = %q, which does not canonicalise: %v", in, got, err)
		}
		if again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, got, again)
		}
		u, err := url.Parse(got)
		if err != nil || u.Fragment != "" || u.User != nil || (u.Scheme != "http" && u.Scheme != "https") {
			t.Fatalf("Canonical(%q) = %q: not a clean absolute URL (%v)", in, got, err)
		}
	})
}
