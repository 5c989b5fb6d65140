package web

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxAdminForm bounds an admin form post: a bulk label of a full queue
// page with a note fits well within it.
const maxAdminForm = 64 << 10

// noHash stands in for an unknown reviewer's hash so a wrong name costs
// as much time as a wrong password.
var noHash = passwordHash{iter: hashIterations, salt: make([]byte, saltBytes), key: make([]byte, keyBytes)}

type loginPage struct {
	CSRF, Next, Name string
	Failed           bool
	Reviewer         string // none: the layout shows no logout
}

// reviewer guards an admin page. GET and HEAD need a live session, else
// the browser is sent to the login form and comes back after. Anything
// else must also come from this origin (Sec-Fetch-Site, Origin), be a
// form and carry the session's CSRF token; a forged cross-site post has
// neither the cookie (SameSite=Strict) nor the token.
func (s *Server) reviewer(next func(http.ResponseWriter, *http.Request, session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		sess, ok := s.currentSession(r)
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if !ok {
				s.toLogin(w, r)
				return
			}
			next(w, r, sess)
			return
		}
		if err := s.origin.Check(r); err != nil {
			s.fail(w, r, http.StatusForbidden, "拒绝跨站提交。", "cross-origin request refused")
			return
		}
		if !ok {
			s.fail(w, r, http.StatusForbidden, "请先登录。", "log in first")
			return
		}
		if !s.parseAdminForm(w, r) {
			return
		}
		if !sameToken(r.PostForm.Get("csrf"), sess.csrf) {
			s.fail(w, r, http.StatusForbidden, "表单已过期或来源不明，请刷新页面后重试。", "missing or wrong CSRF token: reload the page and try again")
			return
		}
		next(w, r, sess)
	}
}

// parseAdminForm reads a urlencoded form of bounded size, answering
// errors itself.
func (s *Server) parseAdminForm(w http.ResponseWriter, r *http.Request) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		s.fail(w, r, http.StatusUnsupportedMediaType, "请使用网页表单提交。", "send the form as application/x-www-form-urlencoded")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminForm)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "表单无法解析。", "malformed form")
		return false
	}
	return true
}

// toLogin sends a browser to the login form, to come back to r's page.
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/login?"+url.Values{"next": {r.URL.RequestURI()}}.Encode(), http.StatusSeeOther)
}

// safeNext is where to go after logging in: an admin or audit page of
// this server, nothing else (no open redirect).
func safeNext(next string) string {
	if len(next) > 2000 || strings.ContainsAny(next, "\\\r\n\t") ||
		!strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "/audit/") {
		return "/admin/"
	}
	return next
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	next := safeNext(r.URL.Query().Get("next"))
	if _, ok := s.currentSession(r); ok {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginPage{Next: next})
}

// renderLogin shows the login form with a fresh login CSRF token, also
// set as a cookie: the post must carry both (double submit), so another
// site cannot log a victim in to an account of its choosing.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, page loginPage) {
	page.CSRF = randomToken()
	s.setCookie(w, r, loginCookie, page.CSRF, loginFormAge)
	s.render(w, status, "admin_login", page)
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if err := s.origin.Check(r); err != nil {
		s.fail(w, r, http.StatusForbidden, "拒绝跨站提交。", "cross-origin request refused")
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	if !sameToken(r.PostForm.Get("csrf"), s.cookie(r, loginCookie)) {
		s.fail(w, r, http.StatusForbidden, "登录表单已过期，请重新打开登录页。", "login form expired: open the login page again")
		return
	}
	name, next := strings.TrimSpace(r.PostForm.Get("name")), safeNext(r.PostForm.Get("next"))
	client, _ := s.clientAddr(r)
	if !s.authenticate(name, r.PostForm.Get("password")) {
		s.log.Warn("admin_login_failed", "reviewer", name, "client", client.String())
		s.renderLogin(w, r, http.StatusUnauthorized, loginPage{Next: next, Name: name, Failed: true})
		return
	}
	if old := s.cookie(r, sessionCookie); old != "" {
		s.sessions.end(old)
	}
	cookie, _ := s.sessions.start(name)
	s.setCookie(w, r, sessionCookie, cookie, 0)
	s.setCookie(w, r, loginCookie, "", -1)
	s.log.Info("admin_login", "reviewer", name, "client", client.String())
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// authenticate checks a name and password: "admin" with the admin token,
// or a reviewer account. An unknown name costs a hash like a known one.
func (s *Server) authenticate(name, password string) bool {
	if name == AdminReviewer {
		return s.cfg.AdminToken != "" && s.tokenOK(password)
	}
	h, ok := s.reviewers[name]
	if !ok {
		noHash.matches(password)
		return false
	}
	return h.matches(password)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request, sess session) {
	s.sessions.end(s.cookie(r, sessionCookie))
	s.setCookie(w, r, sessionCookie, "", -1)
	s.log.Info("admin_logout", "reviewer", sess.reviewer)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
