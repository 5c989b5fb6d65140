package crawler_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// boardSpec generates a 兼职信息网-style board on the fly: home -> cities
// -> channels -> paginated lists -> details. Every page links to
// /member/login.html, which robots.txt disallows.
type boardSpec struct {
	Cities, Cats, Lists, PerList int
	Delay                        time.Duration // added to every response
}

// size is the number of crawlable pages.
func (b boardSpec) size() int {
	lists := b.Cities * b.Cats * b.Lists
	return 1 + b.Cities + lists + lists*b.PerList
}

// paths lists every crawlable page.
func (b boardSpec) paths() []string {
	ps := []string{"/"}
	for i := range b.Cities {
		ps = append(ps, fmt.Sprintf("/c%d/", i))
		for j := range b.Cats {
			for n := 1; n <= b.Lists; n++ {
				ps = append(ps, b.listPath(i, j, n))
				for d := range b.PerList {
					ps = append(ps, fmt.Sprintf("/c%d/k%d/%d.html", i, j, b.id(i, j, n, d)))
				}
			}
		}
	}
	return ps
}

func (b boardSpec) id(i, j, n, d int) int {
	return ((i*b.Cats+j)*b.Lists+n-1)*b.PerList + d + 1
}

func (b boardSpec) listPath(i, j, n int) string {
	if n == 1 {
		return fmt.Sprintf("/c%d/k%d/", i, j)
	}
	return fmt.Sprintf("/c%d/k%d/index_%d.html", i, j, n)
}

const boardHead = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s - 兼职信息网</title></head><body>
<div class="header">兼职信息网 <a href="/member/login.html">登录</a> <a href="/member/post.html">免费发布</a> <a href="/">首页</a></div>
`

const boardFoot = `<div class="sidebar"><h3>网站公告</h3><p>防骗提示：凡是要求先交押金、培训费的都是骗子，刷单是诈骗。</p></div>
<div class="footer">兼职信息网 © 2026</div></body></html>`

func (b boardSpec) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if b.Delay > 0 {
		time.Sleep(b.Delay)
	}
	p := r.URL.Path
	if p == "/robots.txt" {
		fmt.Fprint(w, "User-agent: *\nDisallow: /member/\n")
		return
	}
	var body strings.Builder
	var i, j, n, id int
	switch {
	case p == "/":
		fmt.Fprintf(&body, boardHead, "首页")
		for i := range b.Cities {
			fmt.Fprintf(&body, `<a href="/c%d/">城市%d兼职</a> `, i, i)
		}
	case scan(p, "/c%d/", &i) && strings.Count(p, "/") == 2:
		fmt.Fprintf(&body, boardHead, "城市")
		for j := range b.Cats {
			fmt.Fprintf(&body, `<a href="/c%d/k%d/">频道%d</a> `, i, j, j)
		}
	case scan(p, "/c%d/k%d/index_%d.html", &i, &j, &n) || scan(p, "/c%d/k%d/", &i, &j) && strings.HasSuffix(p, "/"):
		if n == 0 {
			n = 1
		}
		if i >= b.Cities || j >= b.Cats || n > b.Lists {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(&body, boardHead, "列表")
		body.WriteString(`<ul class="job-list">`)
		for d := range b.PerList {
			fmt.Fprintf(&body, `<li class="job-item"><a class="job-link" href="/c%d/k%d/%d.html">周末发传单 150元/天</a><span class="job-salary">150元/天</span></li>`,
				i, j, b.id(i, j, n, d))
		}
		body.WriteString(`</ul><div class="pages">`)
		fmt.Fprintf(&body, `<a href="%s">首页</a>`, b.listPath(i, j, 1))
		if n < b.Lists {
			fmt.Fprintf(&body, ` <a href="%s">下一页</a>`, b.listPath(i, j, n+1))
		}
		body.WriteString(`</div>`)
	case scan(p, "/c%d/k%d/%d.html", &i, &j, &id):
		fmt.Fprintf(&body, boardHead, "详情")
		fmt.Fprintf(&body, `<div class="crumb"><a href="/">首页</a> &gt; <a href="/c%d/">城市%d兼职</a> &gt; <a href="/c%d/k%d/">频道</a></div>`, i, i, i, j)
		fmt.Fprintf(&body, `<div class="job-detail"><h1 class="job-title">兼职%d：周末发传单</h1><div class="job-desc"><p>日结150元，联系电话 138 4312 %04d。</p></div></div>`, id, id%10000)
	default:
		http.NotFound(w, r)
		return
	}
	body.WriteString(boardFoot)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	fmt.Fprint(w, body.String())
}

// scan reports whether s matches format exactly.
func scan(s, format string, args ...any) bool {
	n, err := fmt.Sscanf(s, format, args...)
	if err != nil || n != len(args) {
		return false
	}
	// Sscanf ignores what follows; re-render to check the whole path.
	vals := make([]any, len(args))
	for k, a := range args {
		vals[k] = *(a.(*int))
	}
	return fmt.Sprintf(format, vals...) == s
}
