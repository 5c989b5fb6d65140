package crawler

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// retryForever stands for a Retry-After too long for a Duration: a hostile
// server can ask for years. Retry.MaxRetryAfter decides what is honoured.
const retryForever = 100 * 365 * 24 * time.Hour

// retryableStatus says whether a response status is worth another try:
// 408, 429 and every 5xx. 404 and 410 are final.
func retryableStatus(code int) bool {
	return code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500 && code <= 599
}

// retryableErr says whether a transport error is worth another try:
// timeouts, resets, refused connections and bodies cut short.
func retryableErr(err error) bool {
	if err == nil || errors.Is(err, errStopped) {
		return false
	}
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(),
		errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, io.EOF):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "connection reset") || strings.Contains(msg, "Client.Timeout") ||
		strings.Contains(msg, "server closed idle connection")
}

// isTimeout says whether err is a timeout, for the failure reason.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "Client.Timeout")
}

// backoff is the wait before try number tries+1 (tries >= 1 done so far):
// base*2^(tries-1) capped at limit, with "equal jitter" (half fixed, half
// random) so that waits still grow while workers spread out.
func backoff(tries int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < tries && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
// It returns 0 when the header is absent or unusable, and never more than
// retryForever.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(retryForever/time.Second) {
			return retryForever
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	d := t.Sub(now)
	if d <= 0 {
		return 0
	}
	return min(d, retryForever)
}
