package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Connection defaults for a zero Config: what a reverse-proxy engineer sets
// in front of a small public service (nginx's client_header_timeout,
// client_body_timeout, send_timeout and keepalive_timeout play the same
// parts). Each bounds how long one client can hold a connection while
// sending or reading nothing useful.
const (
	// DefaultReadHeaderTimeout bounds the request line and headers: a
	// browser sends them in one packet, a slowloris client one byte at a
	// time.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultReadTimeout bounds the whole request, body included. The
	// largest body a route takes (~54 KiB of JSON-escaped pasted text)
	// arrives in under 30 s even at 20 kbit/s.
	DefaultReadTimeout = 30 * time.Second
	// DefaultWriteTimeout bounds the handler and the response write, so a
	// client that stops reading cannot hold a connection open.
	DefaultWriteTimeout = 60 * time.Second
	// DefaultAdminWriteTimeout replaces the write timeout on the operator
	// routes (/api/admin/, /admin/, /audit/): re-classifying or auditing a
	// large index takes minutes.
	DefaultAdminWriteTimeout = 15 * time.Minute
	// DefaultIdleTimeout closes a keep-alive connection that sends no new
	// request; browsers reuse theirs within seconds.
	DefaultIdleTimeout = 60 * time.Second
	// DefaultMaxConnsPerClient caps concurrent connections per client IP
	// (IPv6 /64): a browser opens about six, a NAT of an office a few
	// dozen.
	DefaultMaxConnsPerClient = 64
	// DefaultMaxConns caps concurrent connections in total, well under
	// the usual 1024 open files of a process.
	DefaultMaxConns = 512
	// DefaultMaxBodyBytes bounds any request body before a handler reads
	// it (raised to fit MaxCheckBytes of JSON); routes set tighter limits
	// of their own.
	DefaultMaxBodyBytes = 64 << 10
	maxHeaderBytes      = 32 << 10
	shutdownGrace       = 5 * time.Second
	refuseWriteTimeout  = time.Second
)

// validateConn checks the connection limits, and that the body limit
// leaves room for the largest body a route takes.
func (c Config) validateConn() error {
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read header timeout", c.ReadHeaderTimeout}, {"read timeout", c.ReadTimeout}, {"write timeout", c.WriteTimeout},
		{"admin write timeout", c.AdminWriteTimeout}, {"idle timeout", c.IdleTimeout}} {
		if d.v < 0 {
			return fmt.Errorf("%s %s is negative", d.name, d.v)
		}
	}
	switch {
	case c.MaxConnsPerClient < 0:
		return fmt.Errorf("max connections per client %d is negative", c.MaxConnsPerClient)
	case c.MaxConns < 0:
		return fmt.Errorf("max connections %d is negative", c.MaxConns)
	case c.MaxBodyBytes < 0:
		return fmt.Errorf("max body bytes %d is negative", c.MaxBodyBytes)
	}
	if need := c.checkBody(); c.MaxBodyBytes > 0 && c.MaxBodyBytes < need {
		return fmt.Errorf("max body bytes %d is below the %d bytes a check of max check bytes needs", c.MaxBodyBytes, need)
	}
	return nil
}

func (c Config) checkBody() int {
	return jsonCheckBytes(cmp.Or(c.MaxCheckBytes, DefaultMaxCheckBytes))
}

// maxBody is the body limit: MaxBodyBytes, or by default the larger of
// DefaultMaxBodyBytes and what the check routes need.
func (c Config) maxBody() int {
	if c.MaxBodyBytes > 0 {
		return c.MaxBodyBytes
	}
	return max(DefaultMaxBodyBytes, c.checkBody())
}

// HTTPServer returns an http.Server for Handler with the configured
// timeouts. Serve uses it; callers that run their own accept loop wrap their
// listener with LimitListener too.
func (s *Server) HTTPServer() *http.Server {
	c := s.cfg
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: cmp.Or(c.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       cmp.Or(c.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      cmp.Or(c.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       cmp.Or(c.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// LimitListener wraps ln so that it holds at most the configured number of
// connections per client and in total; a connection past either cap is
// answered 503 and closed at once. A trusted reverse proxy (Config.
// TrustedProxies) carries many clients' connections, so only the total cap
// applies to it.
func (s *Server) LimitListener(ln net.Listener) net.Listener {
	return &limitListener{
		Listener:  ln,
		total:     cmp.Or(s.cfg.MaxConns, DefaultMaxConns),
		perClient: cmp.Or(s.cfg.MaxConnsPerClient, DefaultMaxConnsPerClient),
		exempt:    s.trusted,
		clients:   map[string]int{},
		// The client's address is not logged, as for requests; a full
		// server is worth a warning, one greedy client is not.
		onRefuse: func(total bool) {
			if total {
				s.log.Warn("connection_refused", "cap", "total")
				return
			}
			s.log.Debug("connection_refused", "cap", "per_client")
		},
	}
}

// Serve serves Handler on ln, through LimitListener and with HTTPServer's
// timeouts, until ctx ends (see RunServer).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return RunServer(ctx, s.HTTPServer(), s.LimitListener(ln))
}

// RunServer serves srv on ln until ctx ends; then it stops accepting and
// gives requests in flight a few seconds to finish.
func RunServer(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// bound limits every request body to MaxBodyBytes before any handler reads
// it (a declared length over the limit is refused unread), and gives the
// operator routes their longer write deadline.
func (s *Server) bound(next http.Handler) http.Handler {
	limit := int64(s.cfg.maxBody())
	adminWrite := cmp.Or(s.cfg.AdminWriteTimeout, DefaultAdminWriteTimeout)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			w.Header().Set("Connection", "close")
			s.fail(w, r, http.StatusRequestEntityTooLarge, "请求内容过大。", "request body too large")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if isOperator(r.URL.Path) {
			// An error means the writer cannot take deadlines (a test
			// recorder); the server's own deadline then stands.
			_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(adminWrite))
		}
		next.ServeHTTP(w, r)
	})
}

func isOperator(path string) bool {
	for _, p := range []string{"/api/admin/", "/admin/", "/audit/"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// refused is what a connection past a cap reads before it is closed.
const refused = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\n\r\ntoo many connections"

// limitListener counts open connections per client key and in total.
// Accept never fails for a refused connection: it answers and closes it and
// waits for the next, so the server's accept loop goes on.
type limitListener struct {
	net.Listener
	total, perClient int
	exempt           func(netip.Addr) bool // peers without a per-client cap
	onRefuse         func(total bool)

	mu      sync.Mutex
	open    int
	clients map[string]int // key -> open connections; no zero entries
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		key, perClient := l.client(c.RemoteAddr())
		if ok, total := l.take(key, perClient); !ok {
			l.onRefuse(total)
			_ = c.SetWriteDeadline(time.Now().Add(refuseWriteTimeout))
			_, _ = c.Write([]byte(refused))
			_ = c.Close()
			continue
		}
		return &limitConn{Conn: c, release: func() { l.release(key) }}, nil
	}
}

// take counts a new connection from key unless a cap is reached; total
// says which cap refused it.
func (l *limitListener) take(key string, perClient bool) (ok, total bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open >= l.total {
		return false, true
	}
	if perClient && l.clients[key] >= l.perClient {
		return false, false
	}
	l.open++
	l.clients[key]++
	return true, false
}

func (l *limitListener) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if l.clients[key]--; l.clients[key] <= 0 {
		delete(l.clients, key)
	}
}

// limitConn gives its slot back on the first Close.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// client names the client of a connection the way clientKey names the
// client of a request, and says whether the per-client cap applies to it.
func (l *limitListener) client(a net.Addr) (key string, perClient bool) {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String(), true
	}
	ip := ta.AddrPort().Addr().Unmap().WithZone("")
	return addrKey(ip), !l.exempt(ip)
}
