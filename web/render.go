package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/postdate"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageSet holds one template per page, each joined with the layout.
type pageSet map[string]*template.Template

var pageNames = []string{"search", "listing", "check", "about", "error"}

func parsePages() (pageSet, error) {
	ps := pageSet{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		ps[name] = t
	}
	return ps, nil
}

var funcs = template.FuncMap{
	"asLabel":     func(s string) scamhunt.Label { return scamhunt.Label(s) },
	"labelName":   labelName,
	"labelClass":  labelClass,
	"toneName":    func(tone string) string { return toneNames[tone] },
	"catName":     categoryName,
	"kindName":    kindName,
	"periodName":  periodName,
	"date":        showDate,
	"datetime":    showDateTime,
	"link":        linkURL,
	"score":       func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"listingPath": func(id string) string { return "/listing/" + url.PathEscape(id) },
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, page string, data any) {
	var buf bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render_failed", "page", page, "err", err)
		http.Error(w, "internal error / 内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	Status int
	ZH, EN string
}

func (s *Server) renderError(w http.ResponseWriter, status int, zh, en string) {
	s.render(w, status, "error", errorPage{Status: status, ZH: zh, EN: en})
}

// apiError is the body of every API error: English for programs, Chinese
// for people.
type apiError struct {
	Error   string `json:"error"`
	ErrorZH string `json:"error_zh"`
}

// writeJSON encodes v with encoding/json's HTML escaping left on, so <, >
// and & in scraped text arrive as \u003c, \u003e and \u0026.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, `{"error":"encoding failed"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

func labelName(l scamhunt.Label) string {
	switch l {
	case scamhunt.LabelScam:
		return "骗局"
	case scamhunt.LabelSuspicious:
		return "可疑"
	case scamhunt.LabelLegit:
		return "未见骗局特征"
	}
	return "未判定"
}

func labelClass(l scamhunt.Label) string {
	if l.Valid() {
		return string(l)
	}
	return "unknown"
}

func categoryName(c string) string {
	if n, ok := scamhunt.CategoryNames[c]; ok {
		return n
	}
	return c
}

func kindName(k scamhunt.ContactKind) string {
	switch k {
	case scamhunt.ContactPhone:
		return "电话"
	case scamhunt.ContactQQ:
		return "QQ"
	case scamhunt.ContactWeChat:
		return "微信"
	case scamhunt.ContactEmail:
		return "邮箱"
	case scamhunt.ContactURL:
		return "网址"
	case scamhunt.ContactTelegram:
		return "Telegram"
	}
	return string(k)
}

// periodNames are the Chinese names of scamhunt.Salary periods.
var periodNames = map[string]string{"hour": "小时", "day": "天", "week": "周", "month": "月", "piece": "件", "order": "单"}

func periodName(p string) string {
	if n := periodNames[p]; n != "" {
		return n
	}
	return p
}

func showDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(postdate.Shanghai()).Format(time.DateOnly)
}

func showDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(postdate.Shanghai()).Format("2006-01-02 15:04")
}

// linkURL returns raw when it is an absolute http or https URL with a host,
// the only URLs rendered as links; anything else (javascript:, data:,
// relative paths) is shown as text.
func linkURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return ""
	}
	return u.String()
}
