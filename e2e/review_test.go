package e2e_test

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
)

// lockedBuffer is a bytes.Buffer safe for a process writing while a test
// reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveWith runs `scamhunt serve` over a data dir on a free loopback port
// with extra environment and flags, and returns its base URL. Its log
// (stderr) goes to logs when not nil.
func serveWith(t *testing.T, data string, logs io.Writer, env []string, args ...string) string {
	t.Helper()
	args = append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, args...)
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`search page at (http://127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("scamhunt serve printed no URL in 30s")
		return ""
	}
}

const (
	e2eToken    = "e2e-admin-token-0123456789"
	e2eReviewer = "王审核"
	e2ePassword = "a long reviewer passphrase"
)

// reviewersFile makes a reviewers file with `scamhunt passwd`, the
// password piped in.
func reviewersFile(t *testing.T) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, "passwd", e2eReviewer)
	cmd.Stdin = strings.NewReader(e2ePassword + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scamhunt passwd: %v", err)
	}
	if !strings.HasPrefix(string(out), e2eReviewer+":pbkdf2-sha256$") || strings.Contains(string(out), e2ePassword) {
		t.Fatalf("passwd printed %q", out)
	}
	file := filepath.Join(t.TempDir(), "reviewers.txt")
	if err := os.WriteFile(file, append([]byte("# reviewers\n"), out...), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// adminClient is a browser-like HTTP client: it keeps cookies and follows
// redirects.
func adminClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: time.Minute}
}

var (
	csrfRe  = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	rowRe   = regexp.MustCompile(`<a href="/admin/listing/([0-9a-f]+)">`)
	totalRe = regexp.MustCompile(`共 (\d+) 条待复核`)
)

// page GETs a page and wants 200.
func page(t *testing.T, c *http.Client, u string) (string, *http.Response) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d:\n%s", u, resp.StatusCode, b)
	}
	return string(b), resp
}

// postForm posts a form and returns the page it lands on after redirects.
func postForm(t *testing.T, c *http.Client, u string, form url.Values) (string, *http.Response) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp
}

func submatch(t *testing.T, re *regexp.Regexp, s string) string {
	t.Helper()
	m := re.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in:\n%.2000s", re, s)
	}
	return m[1]
}

// login logs c in through the login form; it lands on the queue.
func login(t *testing.T, c *http.Client, base, name, password string) string {
	t.Helper()
	form, resp := page(t, c, base+"/admin/")
	if resp.Request.URL.Path != "/admin/login" {
		t.Fatalf("the queue without a session went to %s, want the login form", resp.Request.URL)
	}
	queue, resp := postForm(t, c, base+"/admin/login", url.Values{
		"csrf": {submatch(t, csrfRe, form)}, "next": {resp.Request.URL.Query().Get("next")},
		"name": {name}, "password": {password},
	})
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/admin/" {
		t.Fatalf("login as %s: status %d at %s:\n%.2000s", name, resp.StatusCode, resp.Request.URL, queue)
	}
	return queue
}

// queueOrder is the review queue a fresh crawl should show: flagged,
// unreviewed, present listings, newest posted first (to the second, as the
// index sorts), undated last, ties by ID.
func queueOrder(recs map[string]scamhunt.Record) []scamhunt.Record {
	var q []scamhunt.Record
	for _, r := range recs {
		if r.Label().Flagged() && r.Override == nil && !r.Removed {
			q = append(q, r)
		}
	}
	slices.SortFunc(q, func(a, b scamhunt.Record) int {
		pa, pb := a.Listing.PostedAt, b.Listing.PostedAt
		switch {
		case pa.IsZero() != pb.IsZero():
			if pa.IsZero() {
				return 1
			}
			return -1
		case pa.Unix() != pb.Unix():
			return cmp.Compare(pb.Unix(), pa.Unix())
		}
		return strings.Compare(a.Listing.ID, b.Listing.ID)
	})
	return q
}

// TestReviewWorkflow runs the operator's review as a person would, against
// the real binary over the crawled demo board: log in as a named reviewer,
// page through the queue (flagged listings, newest first), bulk-label two
// with a note, and find the label with reviewer and note in the JSON API,
// in search, in the queue (gone from it) and in the audit CSV, the
// takedown list.
func TestReviewWorkflow(t *testing.T) {
	_, data, _ := crawledDemo(t)
	want := queueOrder(records(t, data))
	if len(want) < 60 {
		t.Fatalf("only %d flagged listings: the queue needs two pages", len(want))
	}
	logs := &lockedBuffer{}
	base := serveWith(t, data, logs, []string{"SCAMHUNT_ADMIN_TOKEN=" + e2eToken},
		"--reviewers", reviewersFile(t), "--trust-proxy", "127.0.0.1/32", "--log-level", "info")
	c := adminClient(t)

	// A wrong password, sent through the trusted proxy on loopback, is
	// logged with the client's address from X-Forwarded-For.
	form, _ := page(t, c, base+"/admin/login")
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/login", strings.NewReader(url.Values{
		"csrf": {submatch(t, csrfRe, form)}, "name": {e2eReviewer}, "password": {"not the password"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "198.51.100.1, 203.0.113.77")
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %v %v", resp, err)
	}

	queue := login(t, c, base, e2eReviewer, e2ePassword)
	if !strings.Contains(queue, "复核人：<b>"+e2eReviewer+"</b>") {
		t.Error("the queue does not name the reviewer")
	}
	if n, _ := strconv.Atoi(submatch(t, totalRe, queue)); n != len(want) {
		t.Errorf("queue total %d, want the %d flagged listings", n, len(want))
	}
	page2, _ := page(t, c, base+"/admin/?page=2")
	var got []string
	for _, p := range []string{queue, page2} {
		for _, m := range rowRe.FindAllStringSubmatch(p, -1) {
			got = append(got, m[1])
		}
	}
	var wantIDs []string
	for _, r := range want[:min(len(want), 100)] {
		wantIDs = append(wantIDs, r.Listing.ID)
	}
	if diff := gocmp.Diff(wantIDs, got); diff != "" {
		t.Errorf("queue pages 1-2 (-want +got):\n%s", diff)
	}

	const note = "复核：同一微信在多个城市发布"
	picked := wantIDs[:2]
	done, resp := postForm(t, c, base+"/admin/label", url.Values{
		"csrf": {submatch(t, csrfRe, queue)}, "id": picked, "label": {"scam"}, "note": {note},
		"scope": {"selected"}, "return": {"/admin/"},
	})
	if resp.StatusCode != http.StatusOK || !strings.Contains(done, "已标注 2 条") {
		t.Fatalf("bulk label: status %d at %s:\n%.2000s", resp.StatusCode, resp.Request.URL, done)
	}
	if n, _ := strconv.Atoi(submatch(t, totalRe, done)); n != len(want)-2 {
		t.Errorf("queue total after labelling %d, want %d", n, len(want)-2)
	}
	for _, id := range picked {
		if strings.Contains(done, "/admin/listing/"+id+`"`) {
			t.Errorf("%s is still in the queue after its review", id)
		}
	}

	// The JSON API and search show the reviewer's label.
	for _, id := range picked {
		var rec scamhunt.Record
		getJSON(t, base+"/api/listings/"+id, &rec)
		if o := rec.Override; o == nil || o.Label != scamhunt.LabelScam || o.By != e2eReviewer || o.Note != note {
			t.Errorf("%s: override %+v, want scam by %s with the note", id, o, e2eReviewer)
		}
	}
	var res scamhunt.Result
	getJSON(t, base+"/api/search?label=scam&sort=newest&limit=100", &res)
	human := map[string]bool{}
	for _, h := range res.Hits {
		human[h.ID] = h.Human
	}
	for _, id := range picked {
		if !human[id] {
			t.Errorf("search for scams does not show %s as labelled by a person", id)
		}
	}

	// The audit CSV is a takedown list with the reviewer and note.
	csvBody, resp := page(t, c, base+"/audit/?format=csv")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("audit CSV Content-Type %q", ct)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(audit.CSVHeader, rows[0]); diff != "" {
		t.Fatalf("CSV header (-want +got):\n%s", diff)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[col["id"]]] = r
	}
	for i, id := range picked {
		r := byID[id]
		if r == nil {
			t.Errorf("%s is not in the audit CSV", id)
			continue
		}
		l := want[i].Listing
		for k, v := range map[string]string{"title": l.Title, "url": l.URL, "label": "scam", "human_label": "scam",
			"reviewer": e2eReviewer, "note": note, "removed": "false"} {
			if r[col[k]] != v {
				t.Errorf("%s: CSV %s = %q, want %q", id, k, r[col[k]], v)
			}
		}
	}
	if len(rows)-1 != len(want) {
		t.Errorf("CSV lists %d flagged listings, want %d", len(rows)-1, len(want))
	}

	// Scripts keep the Bearer-token API; their labels are the admin's.
	req, _ = http.NewRequest(http.MethodPost, base+"/api/admin/listings/"+wantIDs[2]+"/label", strings.NewReader(`{"label":"suspicious","note":"script"}`))
	req.Header.Set("Authorization", "Bearer "+e2eToken)
	var set struct{ Override scamhunt.Override }
	doJSON(t, req, &set)
	if set.Override.By != "admin" || set.Override.Label != scamhunt.LabelSuspicious {
		t.Errorf("Bearer label %+v, want suspicious by admin", set.Override)
	}

	if out := logs.String(); !strings.Contains(out, "admin_login_failed") || !strings.Contains(out, "client=203.0.113.77") {
		t.Errorf("the failed login is not logged with the forwarded client address:\n%s", out)
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	doJSON(t, req, v)
}

func doJSON(t *testing.T, req *http.Request, v any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: status %d: %s", req.Method, req.URL, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", req.URL, err)
	}
}
