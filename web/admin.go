package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
)

// Bounds of admin input.
const (
	maxAdminBody = 16 << 10
	maxNote      = 2000
)

// tokenOK compares a presented token with the configured one in constant
// time; hashing first hides the length too.
func (s *Server) tokenOK(got string) bool {
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.cfg.AdminToken))
	return got != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// bearerToken returns the token of an "Authorization: Bearer" header.
func bearerToken(r *http.Request) string {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

// bearer guards an admin API route. The routes exist only when a token is
// configured, so without one they are 404 like any unknown path.
func (s *Server) bearer(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if !s.tokenOK(bearerToken(r)) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="scamhunt admin"`)
			s.fail(w, r, http.StatusUnauthorized, "需要有效的管理令牌。", "a valid admin token is required")
			return
		}
		next(w, r)
	}
}

// audit guards the operator's audit pages: a Bearer token, or for GET and
// HEAD the password of HTTP Basic authentication so a browser can prompt
// for it. Basic is refused for anything that changes state because
// browsers resend it on cross-site requests.
func (s *Server) audit(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ok := s.tokenOK(bearerToken(r))
		if _, pass, basic := r.BasicAuth(); !ok && basic && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			ok = s.tokenOK(pass)
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="scamhunt audit", charset="UTF-8"`)
			s.fail(w, r, http.StatusUnauthorized, "需要有效的管理令牌。", "a valid admin token is required")
			return
		}
		next.ServeHTTP(w, r)
	}
}

type labelRequest struct {
	Label scamhunt.Label `json:"label"`
	Note  string         `json:"note"`
}

type labelResponse struct {
	ID       string             `json:"id"`
	Override *scamhunt.Override `json:"override"`
}

// newOverride checks a requested label and note.
func newOverride(label scamhunt.Label, note string) (*scamhunt.Override, error) {
	switch {
	case !label.Valid():
		return nil, errors.New("label must be scam, suspicious or legit")
	case len(note) > maxNote:
		return nil, errors.New("note too long")
	case !utf8.ValidString(note):
		return nil, errors.New("note is not valid UTF-8")
	}
	return &scamhunt.Override{Label: label, Note: strings.TrimSpace(note), At: time.Now().UTC()}, nil
}

// setOverride stores o (nil clears) and answers errors itself.
func (s *Server) setOverride(w http.ResponseWriter, r *http.Request, id string, o *scamhunt.Override) bool {
	if s.label == nil || id == "" || len(id) > 128 || !utf8.ValidString(id) {
		s.notFound(w, r)
		return false
	}
	err := s.label.SetOverride(r.Context(), id, o)
	if errors.Is(err, scamhunt.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "没有这条信息。", "listing not found")
		return false
	}
	if err != nil {
		s.log.Error("set_override_failed", "listing_id", id, "err", err)
		s.fail(w, r, http.StatusInternalServerError, "保存失败。", "cannot store the label")
		return false
	}
	label := "cleared"
	if o != nil {
		label = string(o.Label)
	}
	s.log.Info("override_set", "listing_id", id, "label", label)
	return true
}

func (s *Server) handleAdminSetLabel(w http.ResponseWriter, r *http.Request) {
	var req labelRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.fail(w, r, http.StatusBadRequest, `请求体应为 {"label": "...", "note": "..."}。`, `body must be JSON {"label": "...", "note": "..."}`)
		return
	}
	o, err := newOverride(req.Label, req.Note)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "标签无效："+err.Error(), "bad label: "+err.Error())
		return
	}
	id := r.PathValue("id")
	if s.setOverride(w, r, id, o) {
		writeJSON(w, http.StatusOK, labelResponse{ID: id, Override: o})
	}
}

func (s *Server) handleAdminClearLabel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.setOverride(w, r, id, nil) {
		writeJSON(w, http.StatusOK, labelResponse{ID: id})
	}
}

func (s *Server) handleAdminReclassify(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Reclassify == nil {
		s.notFound(w, r)
		return
	}
	n, err := s.cfg.Reclassify(r.Context())
	if err != nil {
		s.log.Error("reclassify_failed", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "重新分类失败。", "reclassify failed")
		return
	}
	s.log.Info("reclassified", "listings", n)
	writeJSON(w, http.StatusOK, map[string]int{"reclassified": n})
}

// handleLabelForm takes the label form of a listing page. The operator
// types the token into the form, so it travels in the POST body, never in a
// URL; a forged cross-site post cannot know it, which is the CSRF defence.
func (s *Server) handleLabelForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		s.fail(w, r, http.StatusUnsupportedMediaType, "请使用网页表单提交。", "send the form as application/x-www-form-urlencoded")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "表单无法解析。", "malformed form")
		return
	}
	if !s.tokenOK(r.PostForm.Get("token")) {
		s.fail(w, r, http.StatusUnauthorized, "管理令牌错误。", "wrong admin token")
		return
	}
	var o *scamhunt.Override
	if label := r.PostForm.Get("label"); label != "clear" {
		var err error
		if o, err = newOverride(scamhunt.Label(label), r.PostForm.Get("note")); err != nil {
			s.fail(w, r, http.StatusBadRequest, "标签无效："+err.Error(), "bad label: "+err.Error())
			return
		}
	}
	id := r.PathValue("id")
	if s.setOverride(w, r, id, o) {
		http.Redirect(w, r, "/listing/"+url.PathEscape(id), http.StatusSeeOther)
	}
}
