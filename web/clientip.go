package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address of the client that sent r. It is the peer's
// (RemoteAddr) unless the peer is one of Config.TrustedProxies: then
// X-Forwarded-For is read from the right, skipping hops that are trusted
// proxies too, and the first untrusted hop is the client. Everything left
// of that hop was written by the client and is ignored, so nobody picks
// their own address by sending the header. A malformed hop stops the walk
// at the last proxy; if every hop is a trusted proxy the leftmost one is
// taken. ok is false when RemoteAddr is no IP address (a pipe, a test).
func (s *Server) clientAddr(r *http.Request) (addr netip.Addr, ok bool) {
	addr, ok = peerAddr(r)
	if !ok || !s.trusted(addr) {
		return addr, ok
	}
	hops := r.Header.Values("X-Forwarded-For")
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(parts[j]))
			if err != nil {
				return addr, true
			}
			addr = hop.Unmap().WithZone("")
			if !s.trusted(addr) {
				return addr, true
			}
		}
	}
	return addr, true
}

// peerAddr is the address of the connection's other end.
func peerAddr(r *http.Request) (netip.Addr, bool) {
	raw := r.RemoteAddr
	if host, _, err := net.SplitHostPort(raw); err == nil {
		raw = host
	}
	a, err := netip.ParseAddr(raw)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// trusted reports whether a is one of the configured reverse proxies.
func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientKey names the rate-limit bucket of r's client: its address, with
// IPv6 addresses cut to their /64 so one host cannot rotate through its
// prefix.
func (s *Server) clientKey(r *http.Request) string {
	a, ok := s.clientAddr(r)
	if !ok {
		return r.RemoteAddr
	}
	return addrKey(a)
}

// addrKey names a client by address, IPv6 cut to its /64 (see clientKey);
// the connection caps count by it too.
func addrKey(a netip.Addr) string {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// viaTLS reports whether the client reached us over HTTPS: directly, or
// through a trusted proxy that says so in X-Forwarded-Proto.
func (s *Server) viaTLS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if peer, ok := peerAddr(r); !ok || !s.trusted(peer) {
		return false
	}
	proto := r.Header.Values("X-Forwarded-Proto")
	return len(proto) > 0 && strings.EqualFold(strings.TrimSpace(proto[len(proto)-1]), "https")
}
