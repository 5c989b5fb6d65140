package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"sync"
	"time"
)

// Session limits.
const (
	// DefaultSessionIdle ends an admin session unused this long.
	DefaultSessionIdle = 30 * time.Minute
	// sessionMaxAge ends every session this long after login, used or not.
	sessionMaxAge = 12 * time.Hour
	// maxSessions bounds the store; past it the oldest session ends.
	maxSessions = 1000
	// loginFormAge is how long a login form's CSRF cookie lasts.
	loginFormAge = time.Hour
)

// session is one reviewer's login. The cookie holds a random secret; the
// store keeps only its hash, so a leak of memory or logs gives no cookie.
type session struct {
	reviewer string
	csrf     string // the synchroniser token every state-changing form carries
	created  time.Time
	seen     time.Time
}

// sessions is the in-memory store of admin sessions. A restart logs
// everyone out, which for a handful of reviewers is a fair price for
// keeping no session state on disk.
type sessions struct {
	mu   sync.Mutex
	m    map[string]*session // by hex SHA-256 of the cookie
	idle time.Duration
	now  func() time.Time
}

func newSessions(idle time.Duration, now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, idle: idle, now: now}
}

// randomToken is 32 random bytes, base64url without padding.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it crashes the program instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

func storeKey(cookie string) string {
	sum := sha256.Sum256([]byte(cookie))
	return hex.EncodeToString(sum[:])
}

// start opens a session for reviewer and returns its cookie value.
func (st *sessions) start(reviewer string) (cookie string, s session) {
	now := st.now()
	cookie = randomToken()
	s = session{reviewer: reviewer, csrf: randomToken(), created: now, seen: now}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now)
	for len(st.m) >= maxSessions {
		oldest := ""
		for k, v := range st.m {
			if oldest == "" || v.created.Before(st.m[oldest].created) {
				oldest = k
			}
		}
		delete(st.m, oldest)
	}
	st.m[storeKey(cookie)] = &s
	return cookie, s
}

// get returns the live session of a cookie and marks it used.
func (st *sessions) get(cookie string) (session, bool) {
	if cookie == "" {
		return session{}, false
	}
	now := st.now()
	k := storeKey(cookie)
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.m[k]
	if !ok {
		return session{}, false
	}
	if st.expired(s, now) {
		delete(st.m, k)
		return session{}, false
	}
	s.seen = now
	return *s, true
}

// end forgets a session (logout).
func (st *sessions) end(cookie string) {
	st.mu.Lock()
	delete(st.m, storeKey(cookie))
	st.mu.Unlock()
}

func (st *sessions) expired(s *session, now time.Time) bool {
	return now.Sub(s.seen) >= st.idle || now.Sub(s.created) >= sessionMaxAge
}

// sweep drops expired sessions; the caller holds mu.
func (st *sessions) sweep(now time.Time) {
	for k, s := range st.m {
		if st.expired(s, now) {
			delete(st.m, k)
		}
	}
}

// Cookie names. Over HTTPS the __Host- prefix makes the browser refuse a
// cookie that is not Secure, host-only and for path /, so a sibling
// subdomain or a plain-HTTP response cannot plant one.
const (
	sessionCookie = "scamhunt_admin"
	loginCookie   = "scamhunt_login"
	hostPrefix    = "__Host-"
)

// cookieName is name with the __Host- prefix when r came over HTTPS.
func (s *Server) cookieName(r *http.Request, name string) string {
	if s.viaTLS(r) {
		return hostPrefix + name
	}
	return name
}

// setCookie sets an HttpOnly, SameSite=Strict cookie for path /, Secure
// when the client reached us over HTTPS; maxAge < 0 deletes it, 0 makes it
// last as long as the browser runs.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	c := &http.Cookie{
		Name: s.cookieName(r, name), Value: value, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.viaTLS(r),
	}
	switch {
	case maxAge < 0:
		c.MaxAge = -1
	case maxAge > 0:
		c.MaxAge = int(maxAge / time.Second)
	}
	http.SetCookie(w, c)
}

// cookie is the value of r's cookie name ("" when absent).
func (s *Server) cookie(r *http.Request, name string) string {
	c, err := r.Cookie(s.cookieName(r, name))
	if err != nil {
		return ""
	}
	return c.Value
}

// currentSession is the live session r's cookie names, if any.
func (s *Server) currentSession(r *http.Request) (session, bool) {
	return s.sessions.get(s.cookie(r, sessionCookie))
}

// sameToken compares two secrets in constant time; empty never matches.
func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
