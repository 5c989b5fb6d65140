package web_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt/web"
)

// bound is how long a test waits for the server to close a connection: far
// past every short limit the tests configure, far short of the minutes a
// hostile client would otherwise hold a connection.
const bound = 15 * time.Second

// startServer serves a server with cfg on a real loopback socket until the
// test ends and returns its address.
func startServer(t *testing.T, cfg web.Config) string {
	t.Helper()
	srv, err := web.New(cfg, &fakeSearcher{}, &fakeChecker{}, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	ctx := t.Context()
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// dialFrom connects to addr from the loopback address from (empty: any).
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{Timeout: bound}
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		if from != "" {
			t.Skipf("cannot dial from %s: %v", from, err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// waitClosed reads c until the server closes it and returns everything
// read; it fails the test if that takes longer than bound.
func waitClosed(t *testing.T, c net.Conn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(bound))
	b, err := io.ReadAll(c)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("connection still open after %s; read so far %q", bound, b)
	}
	return string(b) // EOF or a reset both mean closed
}

// roundTrip sends one keep-alive GET on c and reads the whole response.
func roundTrip(t *testing.T, c net.Conn, br *bufio.Reader, path string) int {
	t.Helper()
	c.SetDeadline(time.Now().Add(bound))
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: scamhunt.test\r\n\r\n"); err != nil {
		t.Fatalf("write: %v", err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// trickle writes s one byte per tick until it is written, the server
// stops taking it, or stop is closed.
func trickle(c net.Conn, s string, tick time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for i := range len(s) {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if _, err := c.Write([]byte{s[i]}); err != nil {
			return
		}
	}
}

func TestSlowClientsAreClosed(t *testing.T) {
	const limit = 300 * time.Millisecond
	headers := "POST /api/classify HTTP/1.1\r\nHost: scamhunt.test\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
	tests := []struct {
		name     string
		cfg      web.Config
		fast     string // sent at once
		slow     string // then one byte every 100 ms
		wantResp string // what the closed connection answered first
	}{
		{"body at 10 bytes/s", web.Config{ReadTimeout: limit}, headers, strings.Repeat("x", 1000), "HTTP/1.1 400 Bad Request"},
		{"headers at 10 bytes/s", web.Config{ReadHeaderTimeout: limit}, "", headers, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := startServer(t, tc.cfg)
			// The server's clock starts when it accepts the connection,
			// so ours starts before the dial: closing earlier than the
			// limit from here means something else closed it.
			start := time.Now()
			c := dialFrom(t, "", addr)
			stop := make(chan struct{})
			defer close(stop)
			io.WriteString(c, tc.fast)
			go trickle(c, tc.slow, 100*time.Millisecond, stop)
			got := waitClosed(t, c)
			if el := time.Since(start); el < limit {
				t.Errorf("closed after %s, before the %s limit: something else closed it", el, limit)
			}
			if !strings.HasPrefix(got, tc.wantResp) {
				t.Errorf("answer %q, want it to start with %q", got, tc.wantResp)
			}
		})
	}
}

func TestIdleKeepAliveIsClosed(t *testing.T) {
	c := dialFrom(t, "", startServer(t, web.Config{IdleTimeout: 300 * time.Millisecond}))
	br := bufio.NewReader(c)
	if code := roundTrip(t, c, br, "/about"); code != http.StatusOK {
		t.Fatalf("GET /about: %d", code)
	}
	if rest := waitClosed(t, c); rest != "" {
		t.Errorf("idle connection got %q before closing", rest)
	}
}

// TestConnectionCaps fills a cap with live keep-alive connections; the next
// connection is answered 503 and closed, one from another client is served
// while only the per-client cap is full, and a slot comes back on close.
func TestConnectionCaps(t *testing.T) {
	tests := []struct {
		name        string
		cfg         web.Config
		fill        []string // source addresses of the connections that fill the cap
		over        string   // the refused connection's source
		other       string   // a client still served ("": none)
		freedServes bool     // after closing one, is a new one from over served
	}{
		{"per client", web.Config{MaxConnsPerClient: 3}, []string{"127.0.0.1", "127.0.0.1", "127.0.0.1"}, "127.0.0.1", "127.0.0.2", true},
		{"total", web.Config{MaxConns: 2}, []string{"127.0.0.1", "127.0.0.2"}, "127.0.0.3", "", true},
		{"per client off for a trusted proxy", web.Config{MaxConnsPerClient: 1, MaxConns: 2, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}},
			[]string{"127.0.0.1", "127.0.0.1"}, "127.0.0.1", "", true},
		{"per client on for others than the proxy", web.Config{MaxConnsPerClient: 1, MaxConns: 5, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}},
			[]string{"127.0.0.1"}, "127.0.0.1", "127.0.0.2", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.IdleTimeout = time.Minute
			addr := startServer(t, tc.cfg)
			var open []net.Conn
			for i, from := range tc.fill {
				c := dialFrom(t, from, addr)
				if code := roundTrip(t, c, bufio.NewReader(c), "/about"); code != http.StatusOK {
					t.Fatalf("connection %d of the cap: status %d", i+1, code)
				}
				open = append(open, c)
			}
			got := waitClosed(t, dialFrom(t, tc.over, addr))
			if !strings.HasPrefix(got, "HTTP/1.1 503 ") || !strings.HasSuffix(got, "too many connections") {
				t.Errorf("connection past the cap read %q, want a 503 then close", got)
			}
			if tc.other != "" {
				c := dialFrom(t, tc.other, addr)
				if code := roundTrip(t, c, bufio.NewReader(c), "/about"); code != http.StatusOK {
					t.Errorf("another client while the first is capped: status %d", code)
				}
				c.Close()
			}
			open[0].Close()
			if !servedWithin(t, tc.over, addr) {
				t.Errorf("no connection served within %s after one closed", bound)
			}
		})
	}
}

// servedWithin dials from until a connection is served: the server
// notices a closed connection a moment after the client closes it.
func servedWithin(t *testing.T, from, addr string) bool {
	t.Helper()
	for end := time.Now().Add(bound); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		c := dialFrom(t, from, addr)
		c.SetDeadline(time.Now().Add(bound))
		io.WriteString(c, "GET /about HTTP/1.1\r\nHost: scamhunt.test\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		c.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			return true
		}
	}
	return false
}

// TestBodyLimitedBeforeRead: a declared body over the limit is refused
// before one byte of it is sent.
func TestBodyLimitedBeforeRead(t *testing.T) {
	c := dialFrom(t, "", startServer(t, web.Config{MaxCheckBytes: 100, MaxBodyBytes: 5000}))
	c.SetDeadline(time.Now().Add(bound))
	io.WriteString(c, "POST /api/classify HTTP/1.1\r\nHost: scamhunt.test\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

func TestBodyLimitEveryRoute(t *testing.T) {
	h := newServer(t, web.Config{MaxCheckBytes: 100, MaxBodyBytes: 5000, AdminToken: strings.Repeat("t", 16)},
		&fakeSearcher{}, &fakeChecker{}, &fakeLabeler{})
	big := strings.Repeat("x", 5001)
	tests := []struct {
		method, path, contentType string
		want                      string
	}{
		{http.MethodPost, "/api/classify", "text/plain", "application/json; charset=utf-8"},
		{http.MethodPost, "/check", "application/x-www-form-urlencoded", "text/html; charset=utf-8"},
		{http.MethodGet, "/about", "", "text/html; charset=utf-8"},
		{http.MethodPost, "/api/admin/listings/a1/label", "application/json", "application/json; charset=utf-8"},
	}
	for _, tc := range tests {
		w := serve(t, h, request{method: tc.method, path: tc.path, body: big, contentType: tc.contentType})
		got := []any{w.Code, w.Header().Get("Content-Type")}
		if d := cmp.Diff([]any{http.StatusRequestEntityTooLarge, tc.want}, got); d != "" {
			t.Errorf("%s %s with a %d-byte body (-want +got):\n%s", tc.method, tc.path, len(big), d)
		}
	}
}

func TestConnConfigDefaults(t *testing.T) {
	srv, err := web.New(web.Config{}, &fakeSearcher{}, &fakeChecker{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer()
	got := []time.Duration{hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout}
	want := []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, time.Minute}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("default read-header, read, write, idle timeouts (-want +got):\n%s", d)
	}
}

func TestConnConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  web.Config
		want string
	}{
		{"negative idle", web.Config{IdleTimeout: -1}, "idle timeout -1ns is negative"},
		{"negative read", web.Config{ReadTimeout: -time.Second}, "read timeout -1s is negative"},
		{"negative per client", web.Config{MaxConnsPerClient: -1}, "max connections per client -1 is negative"},
		{"negative total", web.Config{MaxConns: -2}, "max connections -2 is negative"},
		{"body below a check", web.Config{MaxBodyBytes: 1000}, "max body bytes 1000 is below the 53248 bytes a check of max check bytes needs"},
		{"big checks raise the default body", web.Config{MaxCheckBytes: 100 << 10}, ""},
	}
	for _, tc := range tests {
		err := tc.cfg.Validate()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: Validate() = %q, want %q", tc.name, got, tc.want)
		}
	}
}
