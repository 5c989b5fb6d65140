package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page furniture ("chrome") is everything around the ad: header, menus,
// the 热门城市 strip, sidebars, related-content boxes, footers, ads. The
// generic extractor never reads fields, rows or body text from it, so a
// site-wide 客服电话 in the footer or a sidebar of news titles cannot leak
// into a listing or make a page look like an index.

// chromeNames are class or id values (lower-cased) that mark chrome.
var chromeNames = map[string]bool{
	"header": true, "head": true, "top": true, "topbar": true, "top-bar": true, "site-header": true,
	"nav": true, "navbar": true, "menu": true, "mainnav": true, "main-nav": true, "subnav": true,
	"footer": true, "foot": true, "bottom": true, "copyright": true, "site-footer": true,
	"sidebar": true, "side": true, "aside": true, "right-side": true, "left-side": true,
	"hd": true, "ft": true, "login": true, "search": true, "share": true, "comment": true, "comments": true,
	"related": true, "relate": true, "xgnr": true, "xiangguan": true, "recommend": true, "tuijian": true,
	"links": true, "friend": true, "flink": true, "friendlink": true, "friend-links": true,
	"citys": true, "cities": true, "city-list": true, "citylist": true, "hotcity": true,
	"hot-city": true, "hot-cities": true, "hotcitys": true, "city-strip": true, "pages": true,
	"pager": true, "pagination": true, "page-nav": true,
}

// chromeParts are substrings of class or id values that mark chrome.
var chromeParts = []string{"footer", "sidebar", "navbar", "copyright", "hotcit", "hot-cit", "friendlink", "banner", "advert"}

// adTokens are '-'/'_'-separated parts of a class or id that mark ads.
var adTokens = map[string]bool{"ad": true, "ads": true, "gg": true, "guanggao": true, "adv": true, "sponsor": true, "promo": true}

// listingTokens, beside an ad token, say the element is a classified ad
// itself (listing-ad, ad-title, list-ad-items), not an advertisement.
var listingTokens = map[string]bool{"listing": true, "list": true, "item": true, "items": true, "title": true, "detail": true, "text": true, "meta": true, "info": true, "body": true}

// adName reports whether a class or id names an advertisement: an ad token
// (ad, gg, sponsor ...) not beside one that names a listing.
func adName(name string) bool {
	ad := false
	for tok := range strings.FieldsFuncSeq(name, func(r rune) bool { return r == '-' || r == '_' }) {
		if listingTokens[tok] {
			return false
		}
		ad = ad || adTokens[tok]
	}
	return ad
}

// chromeHeadings open boxes of chrome (a box whose first child says 相关内容).
var chromeHeadings = []string{
	"热门城市", "选择城市", "更多城市", "全部城市", "城市切换", "切换城市", "相关内容", "相关知识",
	"相关阅读", "相关文章", "相关推荐", "相关职位", "推荐职位", "相似职位", "其他职位", "推荐阅读",
	"猜你喜欢", "热门推荐", "热门文章", "最新资讯", "最新文章", "网站公告", "友情链接", "合作伙伴",
	"热门搜索", "热门标签", "关于我们", "联系我们", "猜您喜欢", "热门资讯", "大家都在看",
}

// crumbStarts open breadcrumbs written as text.
var crumbStarts = []string{"当前位置", "目前位置", "您的位置", "您现在的位置", "你的位置", "你现在的位置", "位置："}

// chromeByName reports whether the element's tag, class or id marks chrome.
func chromeByName(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Header, atom.Footer, atom.Nav, atom.Aside:
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for name := range strings.FieldsSeq(a.Val) {
			name = strings.ToLower(name)
			if chromeNames[name] {
				return true
			}
			for _, p := range chromeParts {
				if strings.Contains(name, p) {
					return true
				}
			}
			if adName(name) {
				return true
			}
		}
	}
	return false
}

// chromeByHeading reports whether a box opens with a chrome heading: its
// first element child is a heading, a title-ish element or bold text saying
// 热门城市, 相关内容, 友情链接 ...
func chromeByHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ul, atom.Dl, atom.Table, atom.Td, atom.Tbody, atom.Ol:
	default:
		return false
	}
	c := n.FirstChild
	for c != nil && (c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" || c.Type == html.CommentNode) {
		c = c.NextSibling
	}
	if c == nil {
		return false
	}
	var s string
	switch {
	case c.Type == html.TextNode:
		s = c.Data
	case c.Type == html.ElementNode && headingish(c):
		s = shortText(c, 12)
	default:
		return false
	}
	s = strings.TrimSpace(s)
	for _, h := range chromeHeadings {
		if strings.HasPrefix(s, h) {
			return true
		}
	}
	return false
}

// headingish reports whether an element can be a box's heading.
func headingish(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Strong, atom.B, atom.Span,
		atom.Dt, atom.Caption, atom.Tr, atom.Li, atom.Em, atom.Font, atom.P:
		return true
	case atom.Div, atom.Td, atom.Th:
		cls := strings.ToLower(attr(n, "class"))
		return strings.Contains(cls, "tit") || strings.Contains(cls, "hd") || strings.Contains(cls, "head") || strings.Contains(cls, "caption")
	}
	return false
}

// shortText is the start of n's visible text, at most max runes, cheap for
// big subtrees.
func shortText(n *html.Node, max int) string {
	var b strings.Builder
	count := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for _, r := range c.Data {
					if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' || r == '\u00a0' {
						continue
					}
					b.WriteRune(r)
					count++
					if count >= max {
						return true
					}
				}
			case html.ElementNode:
				if kindOf(c) == tagSkip {
					continue
				}
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	walk(n)
	return b.String()
}

// crumbNames are class or id parts that mark a breadcrumb.
var crumbNames = []string{"crumb", "position", "curpos", "weizhi", "dqwz", "location-bar", "nav-path", "navpath"}

// isCrumb reports whether the element is a breadcrumb: by class or id, or
// by text starting 当前位置.
func isCrumb(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Span, atom.Nav, atom.Ul, atom.Ol, atom.Td, atom.Section:
	default:
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, p := range crumbNames {
			if strings.Contains(v, p) {
				return true
			}
		}
	}
	c := n.FirstChild
	if c != nil && c.Type == html.ElementNode && (c.DataAtom == atom.Span || c.DataAtom == atom.Strong || c.DataAtom == atom.B) {
		c = c.FirstChild
	}
	if c == nil || c.Type != html.TextNode {
		return false
	}
	s := strings.TrimSpace(c.Data)
	for _, p := range crumbStarts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
