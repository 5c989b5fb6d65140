package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// titleSeps separate a page title from the site's name in <title>.
var titleSeps = []string{"_", "-", "|", "｜", "—", "–", " · ", "－", "·"}

// siteWords mark a title segment as a site or channel name.
var siteWords = []string{"网", "站", "平台", "频道", "首页", "招聘", "兼职", "打工", "人才", "信息港", "论坛", "官网", "社区", "同城"}

var domainRe = regexp.MustCompile(`(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|cc|info|top|tw|hk)$`)

// splitTitle cuts site-name suffixes off a <title>: "周末发传单_长春兼职_兼职信息网"
// gives "周末发传单" and the site name "兼职信息网". names are what the site is
// known to call itself (og:site_name, the profile's site_name, the text of
// links to its home page): a last segment that names the site is cut, and
// after it the channel names before it (长春兼职). Without a known name, only
// a last segment that reads as a site's name (兼职网, 58.com) and holds no
// figures is cut, so "日结 时薪20-25元兼职" keeps its pay: a hyphen between
// figures is never a separator.
func splitTitle(s string, names []string) (title, site string) {
	s = strings.TrimSpace(s)
	cut := false
	for {
		i, sep := lastSep(s)
		if i < 0 {
			return s, site
		}
		tail := strings.TrimSpace(s[i+len(sep):])
		head := strings.TrimSpace(s[:i])
		switch {
		case tail == "":
		case knownName(tail, names):
		case cut && channelLike(tail):
		case siteLike(tail) && !hasDigit(tail):
		case sectionHeading(tail) && knownName(head, names):
			// "零工通 - 岗位详情": the site's name and the kind of page, no title.
			return "", head
		default:
			return s, site
		}
		if head == "" || strings.Trim(head, "_-|｜—–·－ ") == "" {
			// Nothing but the site's name: the page has no title of its own.
			return "", tail
		}
		if site == "" {
			site = tail
		}
		cut = true
		s = head
	}
}

// lastSep finds the last separator of s, passing over a dash between two
// figures (20-25元).
func lastSep(s string) (int, string) {
	best, bsep := -1, ""
	for _, sep := range titleSeps {
		for end := len(s); end > best; {
			i := strings.LastIndex(s[:end], sep)
			if i <= best {
				break
			}
			if strings.Trim(sep, " ") != "_" && strings.Trim(sep, " ") != "|" && digitBefore(s, i) && digitAfter(s, i+len(sep)) {
				end = i
				continue
			}
			best, bsep = i, sep
			break
		}
	}
	return best, bsep
}

func digitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isDigitRune(r)
}

func digitAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isDigitRune(r)
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func hasDigit(s string) bool { return strings.IndexFunc(s, isDigitRune) >= 0 }

// knownName reports whether a title segment is one of the site's names:
// the same text, or one holding the other ("快招兼职官网", "快招").
func knownName(seg string, names []string) bool {
	f := textnorm.Fold(strings.TrimSpace(seg))
	if f == "" {
		return false
	}
	for _, n := range names {
		n = textnorm.Fold(strings.TrimSpace(n))
		if utf8.RuneCountInString(n) < 2 {
			continue
		}
		if f == n || strings.Contains(f, n) || utf8.RuneCountInString(f) >= 2 && strings.Contains(n, f) {
			return true
		}
	}
	return false
}

// channelLike reports whether a title segment names a channel of the site
// (长春兼职, 兼职招聘, 长春站): short, no figures, and site-like.
func channelLike(s string) bool {
	return utf8.RuneCountInString(s) <= 10 && !hasDigit(s) && siteLike(s)
}

// siteName reports whether a whole title is just a site's name
// (快聘兼职网, 58.com): what a page without a title of its own shows.
func siteName(s string) bool {
	if domainRe.MatchString(s) {
		return true
	}
	s = textnorm.Fold(s)
	return utf8.RuneCountInString(s) <= 12 && (strings.HasSuffix(s, "网") || strings.HasSuffix(s, "网站") || strings.HasSuffix(s, "平台") || strings.HasSuffix(s, "官网"))
}

func siteLike(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 24 {
		return false
	}
	if domainRe.MatchString(s) {
		return true
	}
	s = textnorm.Fold(s)
	for _, w := range siteWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// related reports whether two titles speak of the same ad: one holds the
// other, or most runes of the shorter occur in the longer (收银员、理货员 in
// 万达店招聘收银员/理货员 包午餐).
func related(a, b string) bool {
	a, b = textnorm.Fold(a), textnorm.Fold(b)
	if a == "" || b == "" {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	if utf8.RuneCountInString(a) > utf8.RuneCountInString(b) {
		a, b = b, a
	}
	n, in := 0, 0
	for _, r := range a {
		if unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) {
			continue
		}
		n++
		if strings.ContainsRune(b, r) {
			in++
		}
	}
	return n >= 2 && in*10 >= n*7
}

// citySuffixes end breadcrumb steps that name a city's channel.
var citySuffixes = []string{"兼职信息网", "兼职网", "兼职", "招聘网", "招聘", "人才网", "打工网", "打工", "站"}

// cityOf reads the city from breadcrumb link text such as 长春兼职, 长春兼职网
// or 臺北打工; trim is the profile's own suffix.
func cityOf(s, trim string) string {
	s = strings.TrimSpace(s)
	if trim != "" {
		s = strings.TrimSpace(strings.TrimSuffix(s, trim))
	}
	rs, folded := []rune(s), textnorm.Fold(s)
	for _, suf := range citySuffixes {
		if strings.HasSuffix(folded, suf) {
			if n := len(rs) - utf8.RuneCountInString(suf); n > 0 {
				return strings.TrimSpace(string(rs[:n]))
			}
		}
	}
	return s
}

// crumbEnds are the last steps of breadcrumbs that name the page, not a
// category.
var crumbEnds = map[string]bool{"正文": true, "详情": true, "职位详情": true, "兼职详情": true, "内容": true, "信息详情": true, "详细信息": true, "查看详情": true, "全部职位": true, "全部兼职": true, "全部": true, "列表": true}

// crumbCity finds the city in a breadcrumb (the first step named like
// 长春兼职, after the link to the home page) and the category in the step
// after it.
func crumbCity(crumb []crumbLink, trim string) (city, category string) {
	for i, c := range crumb {
		t := strings.TrimSpace(c.text)
		if homeLink(c.href) {
			continue
		}
		if city = cityOf(t, trim); city == "" || city == t {
			continue
		}
		if i+1 < len(crumb) && !crumbEnds[crumb[i+1].text] {
			category = crumb[i+1].text
		}
		return city, category
	}
	return "", ""
}

// homeLink reports whether href points at a site's home page.
func homeLink(href string) bool {
	if href == "" {
		return false
	}
	u, err := url.Parse(href)
	return err == nil && (u.Path == "" || u.Path == "/" || u.Path == "/index.html" || u.Path == "/index.htm") && u.RawQuery == ""
}

var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// headcount reads 招聘人数 text: "5人", "３名", "十二人", "3-5人" (the
// first figure); "若干" and "不限" give 0.
func headcount(s string) int {
	s = textnorm.Fold(s)
	start := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if start >= 0 {
		end := start
		for end < len(s) && s[end] >= '0' && s[end] <= '9' && end-start < 7 {
			end++
		}
		n, _ := strconv.Atoi(s[start:end])
		return n
	}
	// Chinese numerals up to 九十九.
	n, cur, seen := 0, -1, false
	for _, r := range s {
		if d, ok := cnDigits[r]; ok {
			cur, seen = d, true
			continue
		}
		if r == '十' {
			if cur < 0 {
				cur = 1
			}
			n, cur, seen = cur*10, -1, true
			continue
		}
		if seen {
			break
		}
	}
	if cur > 0 {
		n += cur
	}
	return n
}
