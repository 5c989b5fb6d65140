package crawler

import (
	"time"

	"github.com/scamhunt/scamhunt"
)

// defaultAckWait bounds how long a stopping crawl waits for the pages it
// sent to be acknowledged; pages still unacknowledged stay owed to the
// frontier and are fetched again by the next run or another worker.
const defaultAckWait = 2 * time.Minute

var _ scamhunt.Acker = (*Crawler)(nil)

// Ack records that a page sent by Crawl is finished: its listings are
// indexed, or it had none. With Config.AwaitAck the frontier marks the page
// done only now; without it Ack does nothing.
func (c *Crawler) Ack(p scamhunt.Page) {
	c.mu.Lock()
	r := c.cur
	c.mu.Unlock()
	if r != nil {
		r.ack(p.URL)
	}
}

// send hands a page to the caller. Its completion is committed at once,
// or, with AwaitAck, when the page is acknowledged; until then it counts as
// pending, so the crawl does not end while pages are on their way to the
// index. Its links are queued at once either way: the crawl goes on while
// the page's listings wait for the index, and a page never acknowledged is
// fetched again (its links, already queued, are not queued twice).
func (r *run) send(p scamhunt.Page, c completion) {
	if !r.s.AwaitAck {
		r.out <- p
		r.completeLogged(c.l, c.o, c.links)
		return
	}
	r.mu.Lock()
	r.pending += 2
	r.awaiting[p.URL] = append(r.awaiting[p.URL], completion{l: c.l, o: c.o})
	r.mu.Unlock()
	r.commits <- completion{l: c.l, links: c.links, early: true}
	r.out <- p
}

// ack commits the completion of an acknowledged page.
func (r *run) ack(pageURL string) {
	r.ackMu.RLock()
	defer r.ackMu.RUnlock()
	if r.acksClosed {
		return
	}
	r.mu.Lock()
	cs := r.awaiting[pageURL]
	if len(cs) == 0 {
		r.mu.Unlock()
		return
	}
	c := cs[0]
	if len(cs) == 1 {
		delete(r.awaiting, pageURL)
	} else {
		r.awaiting[pageURL] = cs[1:]
	}
	r.mu.Unlock()
	r.commits <- c
}

// drainAcks waits, after the last page was sent, for the caller to
// acknowledge them, then stops taking acknowledgements. Pages left
// unacknowledged are not committed: they stay owed.
func (r *run) drainAcks() {
	if !r.s.AwaitAck {
		return
	}
	wait := r.s.AckWait
	if wait <= 0 {
		wait = defaultAckWait
	}
	deadline := time.Now().Add(wait)
	for {
		r.mu.Lock()
		n := len(r.awaiting)
		r.mu.Unlock()
		if n == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.ackMu.Lock()
	r.acksClosed = true
	r.ackMu.Unlock()
	r.mu.Lock()
	left := 0
	for u, cs := range r.awaiting {
		left += len(cs)
		for _, c := range cs {
			delete(r.held, c.l.id)
		}
		delete(r.awaiting, u)
	}
	r.pending -= left
	r.mu.Unlock()
	if left > 0 {
		r.log.Warn("pages_not_acknowledged", "pages", left)
	}
}
