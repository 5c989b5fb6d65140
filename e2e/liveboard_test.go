package e2e_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/testsite"
)

// hangAfter bounds how long these tests wait for a process: a detector of
// hangs (the bug they guard against), not a speed goal.
const hangAfter = 2 * time.Minute

// server is a running `scamhunt serve`.
type server struct {
	cmd *exec.Cmd
	url string
	log *lockedBuffer
}

// startServe runs `scamhunt serve` over data and waits until it serves
// and takes commands on its control socket. It is stopped with SIGTERM at
// cleanup, and must exit cleanly.
func startServe(t *testing.T, data string, extra ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SCAMHUNT_ADMIN_TOKEN="+adminToken)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, log: &lockedBuffer{}}
	cmd.Stderr = s.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve exited with %v after SIGTERM\n%s", err, s.log)
			}
		case <-time.After(hangAfter):
			cmd.Process.Kill()
			t.Errorf("serve ignored SIGTERM\n%s", s.log)
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
		for sc.Scan() {
			if u := re.FindString(sc.Text()); u != "" {
				found <- strings.TrimSuffix(u, "/")
			}
		}
	}()
	select {
	case s.url = <-found:
	case <-time.After(hangAfter):
		t.Fatalf("scamhunt serve printed no URL\n%s", s.log)
	}
	for deadline := time.Now().Add(hangAfter); ; time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(data, "owner.json")); err == nil && bytes.Contains(b, []byte("control_socket")) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve recorded no control socket in owner.json\n%s", s.log)
		}
	}
}

const adminToken = "e2e-admin-token-0123456789"

// result is how a scamhunt process ended.
type result struct {
	code           int
	stdout, stderr string
}

// runAny runs scamhunt and returns how it ended, whatever the exit status.
func runAny(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), hangAfter)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("scamhunt %v did not end: a hang", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errOut.String()}
}

// pickListings returns the ID of a listing the model calls scam and of one
// it calls legit, both true to the board's ground truth and with a phone.
func pickListings(t *testing.T, b *board, recs map[string]scamhunt.Record) (scam, legit scamhunt.Record) {
	t.Helper()
	for _, tl := range b.Truth().Listings {
		r := recs[b.URL+tl.Path]
		phone := slicesContainsKind(r.Listing.Contacts, scamhunt.ContactPhone)
		if scam.Listing.ID == "" && tl.Label == "scam" && r.Verdict.Label == scamhunt.LabelScam {
			scam = r
		}
		if legit.Listing.ID == "" && tl.Label == "legit" && r.Verdict.Label == scamhunt.LabelLegit && phone && len(r.Verdict.Reasons) > 0 &&
			!hasRule(r, "reputation.") {
			legit = r
		}
	}
	if scam.Listing.ID == "" || legit.Listing.ID == "" {
		t.Fatal("the crawl has no scam or no honest listing with a phone to work on")
	}
	return scam, legit
}

func slicesContainsKind(cs []scamhunt.Contact, k scamhunt.ContactKind) bool {
	for _, c := range cs {
		if c.Kind == k {
			return true
		}
	}
	return false
}

func hasRule(r scamhunt.Record, prefix string) bool {
	for _, rs := range r.Verdict.Reasons {
		if strings.HasPrefix(rs.Rule, prefix) {
			return true
		}
	}
	return false
}

// TestServeWithCommandsAtOnce serves a crawled board and, at the same
// time, recrawls it, labels a listing and rebuilds the index, each from
// its own process on the same data dir: all finish with their usual
// output, and the served search shows the human label.
func TestServeWithCommandsAtOnce(t *testing.T) {
	b, data, _ := crawledDemo(t)
	_, legit := pickListings(t, b, records(t, data))
	srv := startServe(t, data)

	cmds := [][]string{
		{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data, "--log-level", "warn"},
		{"label", "--data", data, legit.Listing.ID, "scam", "--note", "victim report"},
		{"reindex", "--data", data, "--log-level", "warn"},
		{"search", "--data", data, "--json", "--limit", "1", "刷单"},
	}
	results := make([]result, len(cmds))
	var wg sync.WaitGroup
	for i, args := range cmds {
		wg.Go(func() { results[i] = runAny(t, args...) })
	}
	wg.Wait()
	wants := []string{"crawl of demo finished", legit.Listing.ID + ": labelled scam", "index rebuilt: 800 listings", `"total":`}
	for i, r := range results {
		if r.code != 0 || !strings.Contains(r.stdout, wants[i]) {
			t.Errorf("scamhunt %s: exit %d, stdout lacks %q\nstdout:\n%s\nstderr:\n%s", cmds[i][0], r.code, wants[i], r.stdout, r.stderr)
		}
	}
	if !strings.Contains(srv.log.String(), "control_command_done") {
		t.Errorf("the commands did not run inside the serve:\n%s", srv.log)
	}

	var res scamhunt.Result
	getJSON(t, srv.url+"/api/search?label=scam&contact="+url.QueryEscape(legit.Listing.Contacts[0].Value), &res)
	found := false
	for _, h := range res.Hits {
		if h.ID == legit.Listing.ID {
			found = true
			if !h.Human || h.Label != scamhunt.LabelScam {
				t.Errorf("served hit %s: label %s human %v, want the human scam label", h.ID, h.Label, h.Human)
			}
		}
	}
	if !found {
		t.Errorf("the served search for label=scam and its contact does not find %s, labelled scam by a person", legit.Listing.ID)
	}
}

// TestIndexIsDerived loses the index twice: deleted, then rebuilt with
// `scamhunt reindex`; deleted, then crawled again (unchanged pages are not
// extracted again); damaged, which names the fix. Every time every
// listing comes back with its human label, and its verdict with the
// provenance it had (what made it, and when): the store keeps it.
func TestIndexIsDerived(t *testing.T) {
	b, data, _ := crawledDemo(t)
	before := records(t, data)
	scam, legit := pickListings(t, b, before)
	runCLI(t, "label", "--data", data, scam.Listing.ID, "legit", "--note", "employer verified")
	runCLI(t, "label", "--data", data, legit.Listing.ID, "scam", "--note", "victim report")
	indexDir := filepath.Join(data, "index.bleve")
	check := func(when string) {
		t.Helper()
		after := records(t, data)
		if len(after) != len(before) {
			t.Errorf("%s: %d listings, want %d", when, len(after), len(before))
		}
		for u, r := range before {
			a, ok := after[u]
			switch {
			case !ok:
				t.Errorf("%s: %s lost", when, u)
			case a.Verdict.Label != r.Verdict.Label:
				t.Errorf("%s: %s verdict %s, was %s", when, u, a.Verdict.Label, r.Verdict.Label)
			case r.Provenance == nil || !cmp.Equal(a.Provenance, r.Provenance):
				t.Errorf("%s: %s provenance %+v, was %+v", when, u, a.Provenance, r.Provenance)
			}
		}
		for _, c := range []struct {
			rec   scamhunt.Record
			label scamhunt.Label
			note  string
		}{{scam, scamhunt.LabelLegit, "employer verified"}, {legit, scamhunt.LabelScam, "victim report"}} {
			o := after[c.rec.Listing.URL].Override
			if o == nil || o.Label != c.label || o.Note != c.note {
				t.Errorf("%s: %s human label %+v, want %s %q", when, c.rec.Listing.ID, o, c.label, c.note)
			}
		}
	}

	if err := os.RemoveAll(indexDir); err != nil {
		t.Fatal(err)
	}
	out := runCLI(t, "reindex", "--data", data, "--log-level", "warn")
	if !strings.Contains(out, "index rebuilt: 800 listings") || !strings.Contains(out, "2 human labels") {
		t.Errorf("reindex said %q", out)
	}
	check("after reindex")

	if err := os.RemoveAll(indexDir); err != nil {
		t.Fatal(err)
	}
	var sum crawlSummary
	out = runCLI(t, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", data, "--json", "--log-level", "warn")
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Crawl.Unchanged == 0 {
		t.Errorf("the recrawl found no page unchanged: %+v", sum.Crawl)
	}
	check("after a crawl over a deleted index")

	if err := os.WriteFile(filepath.Join(indexDir, "index_meta.json"), []byte(`{"storage":`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runAny(t, "search", "--data", data, "刷单")
	if r.code == 0 || !strings.Contains(r.stderr, "scamhunt reindex") {
		t.Errorf("search over a damaged index: exit %d, stderr %q; want an error naming `scamhunt reindex`", r.code, r.stderr)
	}
	runCLI(t, "reindex", "--data", data, "--log-level", "warn")
	check("after reindex of a damaged index")
	if m, _ := filepath.Glob(indexDir + ".broken-*"); len(m) != 1 {
		t.Errorf("the damaged index was not kept aside: %v", m)
	}
}

// TestOverridesBadLine: a half-written line in overrides.jsonl (a crash
// mid-append) is reported with its file and line number and skipped; the
// labels before and after it apply, and label appends stay whole.
func TestOverridesBadLine(t *testing.T) {
	b, data, _ := crawledDemo(t)
	scam, legit := pickListings(t, b, records(t, data))
	file := filepath.Join(data, "overrides.jsonl")
	runCLI(t, "label", "--data", data, scam.Listing.ID, "legit", "--note", "employer verified")
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"` + legit.Listing.ID + `","label":"sc`) // the torn append
	f.Close()
	runCLI(t, "label", "--data", data, legit.Listing.ID, "scam", "--note", "victim report")

	for _, args := range [][]string{
		{"reclassify", "--data", data},
		{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data},
	} {
		r := runAny(t, args...)
		if r.code != 0 {
			t.Errorf("%s with a bad overrides line: exit %d\n%s", args[0], r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "overrides_line_skipped file="+file+" line=2") {
			t.Errorf("%s does not report line 2 of %s:\n%s", args[0], file, r.stderr)
		}
	}
	recs := records(t, data)
	if o := recs[scam.Listing.URL].Override; o == nil || o.Label != scamhunt.LabelLegit {
		t.Errorf("label before the bad line: %+v", o)
	}
	if o := recs[legit.Listing.URL].Override; o == nil || o.Label != scamhunt.LabelScam {
		t.Errorf("label after the bad line: %+v", o)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[1], `"label":"sc`) {
		t.Errorf("the torn line is not alone on line 2:\n%s", raw)
	}
}

// TestBlockedContactFlags puts an honest listing's phone, written another
// way, in block.txt: after `scamhunt reclassify` the listing is at least
// suspicious, with a reason naming the list, in the index and the search.
func TestBlockedContactFlags(t *testing.T) {
	b, data, _ := crawledDemo(t)
	_, legit := pickListings(t, b, records(t, data))
	var phone string
	for _, c := range legit.Listing.Contacts {
		if c.Kind == scamhunt.ContactPhone {
			phone = strings.TrimPrefix(c.Value, "+86")
		}
	}
	written := fmt.Sprintf("# reported by victims\n%s-%s-%s\n", phone[:3], phone[3:7], phone[7:])
	if err := os.WriteFile(filepath.Join(data, "block.txt"), []byte(written), 0o644); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "reclassify", "--data", data, "--log-level", "warn")
	r := records(t, data)[legit.Listing.URL]
	if !r.Verdict.Label.Flagged() {
		t.Errorf("blocked contact's listing is %s (score %v), want at least suspicious", r.Verdict.Label, r.Verdict.Score)
	}
	var note string
	for _, rs := range r.Verdict.Reasons {
		if rs.Rule == "reputation.blocked_contact" {
			note = rs.Note
		}
	}
	if !strings.Contains(note, "block.txt") {
		t.Errorf("reasons %+v: want reputation.blocked_contact naming block.txt", r.Verdict.Reasons)
	}
	out := runCLI(t, "search", "--data", data, "--json", "--contact", phone)
	if !strings.Contains(out, `"id":"`+legit.Listing.ID+`"`) || !strings.Contains(out, "reputation.blocked_contact") {
		t.Errorf("search by the blocked phone does not show the flag:\n%s", out)
	}
}

// TestSecondCommandFailsFast: while a plain crawl holds the data dir,
// other commands stop at once, naming the holder's pid and command.
func TestSecondCommandFailsFast(t *testing.T) {
	b := newBoard(t, testsite.Config{}, slow(20*time.Millisecond))
	defer b.srv.Close()
	data := t.TempDir()
	cmd, _ := startCrawl(t, b, data)
	waitFetched(t, b, 20)
	for _, args := range [][]string{
		{"search", "--data", data, "刷单"},
		{"label", "--data", data, "0123456789abcdef", "scam"},
		{"serve", "--data", data, "--addr", "127.0.0.1:0"},
		{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data},
	} {
		r := runAny(t, args...)
		want := fmt.Sprintf("is in use by pid %d (scamhunt crawl --site demo --start %s/ --data %s --log-level warn) since ", cmd.Process.Pid, b.URL, data)
		if r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s while a crawl holds the data dir: exit %d, stderr %q; want it to name the crawl", args[0], r.code, r.stderr)
		}
	}
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Errorf("the crawl exited with %v", err)
	}
	if r := runAny(t, "search", "--data", data, "刷单"); r.code != 0 {
		t.Errorf("search after the crawl ended: exit %d\n%s", r.code, r.stderr)
	}
}

// TestSignalEndsForwardedCommand: a crawl sent to a serve ends at once on
// Ctrl-C or SIGTERM, and the serve stops it.
func TestSignalEndsForwardedCommand(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			b := newBoard(t, testsite.Config{}, slow(20*time.Millisecond))
			defer b.srv.Close()
			data := t.TempDir()
			srv := startServe(t, data)
			cmd, errOut := startCrawl(t, b, data)
			waitFetched(t, b, 20)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(errOut.String(), "interrupted") {
					t.Errorf("forwarded crawl after %v: %v, stderr %q; want a non-zero exit saying it was interrupted", sig, err, errOut)
				}
			case <-time.After(hangAfter):
				t.Fatalf("forwarded crawl ignored %v", sig)
			}
			for deadline := time.Now().Add(hangAfter); !strings.Contains(srv.log.String(), "cancelled=true"); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the serve did not stop the crawl:\n%s", srv.log)
				}
			}
			fetched := total(b.log.counts())
			if fetched >= len(b.Paths())-len(b.Truth().Disallowed)-2 {
				t.Errorf("the crawl fetched all %d pages: it was not stopped", fetched)
			}
		})
	}
}

// TestServeCrawls: a serve given the board crawls it when an operator asks
// (POST /api/admin/crawl) and again on its schedule, and serves what it
// crawled.
func TestServeCrawls(t *testing.T) {
	b := newBoard(t, testsite.Config{}, nil)
	defer b.srv.Close()
	srv := startServe(t, t.TempDir(), "--site", "demo", "--start", b.URL+"/", "--recrawl-every", "2s", "--log-level", "info")
	req, err := http.NewRequest(http.MethodPost, srv.url+"/api/admin/crawl", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST /api/admin/crawl: %s, want 202", resp.Status)
	}
	for deadline := time.Now().Add(hangAfter); ; time.Sleep(100 * time.Millisecond) {
		var st struct{ Total int }
		getJSON(t, srv.url+"/api/stats", &st)
		if st.Total == len(b.Truth().Listings) && b.log.counts()["/"] >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("served %d listings, the board's front page fetched %d times; want all %d listings and a scheduled recrawl\n%s",
				st.Total, b.log.counts()["/"], len(b.Truth().Listings), srv.log)
		}
	}
	if !strings.Contains(srv.log.String(), "msg=recrawl_done") {
		t.Errorf("no crawl logged as done:\n%s", srv.log)
	}
}
