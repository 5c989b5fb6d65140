package crawler

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	warc "github.com/internetarchive/gowarc"
)

// maxWARCBytes is the size at which a WARC file is closed and the next begun.
const maxWARCBytes = 1 << 30

// warcWriter writes each HTTP exchange as a WARC/1.1 request record and
// response record, each its own gzip member, with gowarc's record writer.
// gowarc's rotator is not used: it panics on I/O errors, and a crawl should
// report those instead. The response record holds the body as Go's HTTP
// client delivered it: transparently gunzipped, with the Content-Encoding
// and Content-Length headers that no longer apply removed, so the record is
// consistent with itself.
type warcWriter struct {
	mu     sync.Mutex
	dir    string
	prefix string
	info   map[string]string
	f      *os.File
	name   string
	infoID string
	serial int
}

func newWARCWriter(dir, prefix string, info map[string]string) (*warcWriter, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	return &warcWriter{dir: dir, prefix: fileSafe(prefix), info: info}, nil
}

// open starts a new file with its warcinfo record; the name ends in .open
// until close renames it.
func (w *warcWriter) open() error {
	w.serial++
	w.name = fmt.Sprintf("%s-%s-%05d.warc.gz", w.prefix, time.Now().UTC().Format("20060102150405"), w.serial)
	f, err := os.OpenFile(filepath.Join(w.dir, w.name+".open"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	ww, err := warc.NewWriter(f, w.name, warc.SHA1, "gzip", "", true, nil)
	if err != nil {
		f.Close()
		return err
	}
	info := map[string]string{
		"software":   "scamhunt crawler",
		"format":     "WARC File Format 1.1",
		"conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
	}
	for k, v := range w.info {
		info[k] = v
	}
	id, err := ww.WriteInfoRecord(info)
	if err == nil {
		err = ww.CloseCompressedWriter()
	}
	if err != nil {
		f.Close()
		return err
	}
	w.f, w.infoID = f, id
	return nil
}

// exchange writes the response and request records of one HTTP exchange.
func (w *warcWriter) exchange(req *http.Request, resp *http.Response, body []byte, at time.Time) error {
	var head bytes.Buffer
	fmt.Fprintf(&head, "%s %s\r\n", protoOf(resp), resp.Status)
	if err := resp.Header.Write(&head); err != nil {
		return err
	}
	head.WriteString("\r\n")
	payload, err := warc.GetDigest(bytes.NewReader(body), warc.SHA1)
	if err != nil {
		return err
	}
	var rq bytes.Buffer
	fmt.Fprintf(&rq, "%s %s %s\r\nHost: %s\r\n", req.Method, req.URL.RequestURI(), protoOf(resp), req.URL.Host)
	if err := req.Header.WriteSubset(&rq, map[string]bool{"Host": true}); err != nil {
		return err
	}
	rq.WriteString("\r\n")

	respID := "<urn:uuid:" + newUUID() + ">"
	date := at.UTC().Format(time.RFC3339Nano)
	target := req.URL.String()

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f != nil {
		if st, err := w.f.Stat(); err == nil && st.Size() > maxWARCBytes {
			if err := w.closeFile(); err != nil {
				return err
			}
		}
	}
	if w.f == nil {
		if err := w.open(); err != nil {
			return fmt.Errorf("warc open: %w", err)
		}
	}
	if err := w.record(map[string]string{
		"WARC-Type": "response", "WARC-Record-ID": respID, "WARC-Date": date, "WARC-Target-URI": target,
		"Content-Type": "application/http;msgtype=response", "WARC-Payload-Digest": payload,
	}, head.Bytes(), body); err != nil {
		return err
	}
	return w.record(map[string]string{
		"WARC-Type": "request", "WARC-Date": date, "WARC-Target-URI": target, "WARC-Concurrent-To": respID,
		"Content-Type": "application/http;msgtype=request",
	}, rq.Bytes(), nil)
}

func (w *warcWriter) record(h map[string]string, parts ...[]byte) error {
	ww, err := warc.NewWriter(w.f, w.name, warc.SHA1, "gzip", "", false, nil)
	if err != nil {
		return err
	}
	r := warc.NewRecord("", false)
	for k, v := range h {
		r.Header.Set(k, v)
	}
	r.Header.Set("WARC-Warcinfo-ID", "<urn:uuid:"+w.infoID+">")
	for _, p := range parts {
		if _, err := r.Content.Write(p); err != nil {
			r.Content.Close()
			return err
		}
	}
	if _, err := ww.WriteRecord(r); err != nil {
		return fmt.Errorf("warc record: %w", err)
	}
	return ww.CloseCompressedWriter()
}

func protoOf(resp *http.Response) string {
	if resp.Proto != "" && strings.HasPrefix(resp.Proto, "HTTP/") {
		return resp.Proto
	}
	return "HTTP/1.1"
}

func (w *warcWriter) closeFile() error {
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	if rerr := os.Rename(filepath.Join(w.dir, w.name+".open"), filepath.Join(w.dir, w.name)); err == nil {
		err = rerr
	}
	w.f = nil
	return err
}

func (w *warcWriter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closeFile()
}

// newUUID is a random (version 4) UUID for record IDs.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
