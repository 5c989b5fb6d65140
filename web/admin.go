package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
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

// adminOn reports whether the admin pages exist: an admin token or a
// reviewer account is configured.
func (s *Server) adminOn() bool { return s.cfg.AdminToken != "" || len(s.cfg.Reviewers) > 0 }

// audit guards the operator's audit pages: a reviewer's session for GET
// and HEAD (a browser without one is sent to log in), or the admin token
// as Bearer for scripts. The pages' inline style sheets are allowed by
// their hashes (Config.AuditStyles) on these responses only.
func (s *Server) audit(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ok := s.cfg.AdminToken != "" && s.tokenOK(bearerToken(r))
		if !ok && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			if _, ok = s.currentSession(r); !ok && bearerToken(r) == "" {
				s.toLogin(w, r)
				return
			}
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="scamhunt admin"`)
			s.fail(w, r, http.StatusUnauthorized, "需要登录或有效的管理令牌。", "log in or send a valid admin token")
			return
		}
		if len(s.cfg.AuditStyles) > 0 {
			w.Header().Set("Content-Security-Policy", auditCSP(s.cfg.AuditStyles))
		}
		next.ServeHTTP(w, r)
	}
}

// auditCSP is the policy of the audit pages: nothing but the listed inline
// style sheets, no script, no framing, no form.
func auditCSP(styles []string) string {
	return "default-src 'none'; style-src " + strings.Join(styles, " ") +
		"; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

type labelRequest struct {
	Label scamhunt.Label `json:"label"`
	Note  string         `json:"note"`
}

type labelResponse struct {
	ID       string             `json:"id"`
	Override *scamhunt.Override `json:"override"`
}

// newOverride checks a requested label and note and makes the override
// reviewer sets now.
func newOverride(label scamhunt.Label, note, reviewer string) (*scamhunt.Override, error) {
	switch {
	case !label.Valid():
		return nil, errors.New("label must be scam, suspicious or legit")
	case len(note) > maxNote:
		return nil, errors.New("note too long")
	case !utf8.ValidString(note):
		return nil, errors.New("note is not valid UTF-8")
	}
	return &scamhunt.Override{Label: label, Note: strings.TrimSpace(note), By: reviewer, At: time.Now().UTC()}, nil
}

// storeOverride stores o (nil clears) and logs it. It returns
// scamhunt.ErrNotFound for an unknown or implausible ID.
func (s *Server) storeOverride(r *http.Request, id string, o *scamhunt.Override) error {
	if id == "" || len(id) > 128 || !utf8.ValidString(id) {
		return scamhunt.ErrNotFound
	}
	if err := s.label.SetOverride(r.Context(), id, o); err != nil {
		return err
	}
	label, by := "cleared", ""
	if o != nil {
		label, by = string(o.Label), o.By
	}
	s.log.Info("override_set", "listing_id", id, "label", label, "reviewer", by)
	return nil
}

// setOverride stores o (nil clears) and answers errors itself.
func (s *Server) setOverride(w http.ResponseWriter, r *http.Request, id string, o *scamhunt.Override) bool {
	if s.label == nil {
		s.notFound(w, r)
		return false
	}
	err := s.storeOverride(r, id, o)
	if errors.Is(err, scamhunt.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "没有这条信息。", "listing not found")
		return false
	}
	if err != nil {
		s.log.Error("set_override_failed", "listing_id", id, "err", err)
		s.fail(w, r, http.StatusInternalServerError, "保存失败。", "cannot store the label")
		return false
	}
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
	o, err := newOverride(req.Label, req.Note, AdminReviewer)
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
