package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// A serve listens on DATA/control.sock (a Unix socket, mode 0600, only
// for this user) for the commands other processes would run on its data
// dir. A client sends its arguments and working directory; the serve runs
// the same command in-process against its open index and streams back
// stdout, stderr and the exit status as frames: a kind byte ('o', 'e',
// 'x'), a uvarint length and the bytes. Closing the request (the client's
// Ctrl-C) cancels the command.

// runRequest is what a client sends to POST /run.
type runRequest struct {
	Args []string `json:"args"`
	Dir  string   `json:"dir"` // the client's working directory
}

const (
	frameStdout = 'o'
	frameStderr = 'e'
	frameExit   = 'x'
	// maxRunRequest bounds a request body.
	maxRunRequest = 1 << 20
	// dialTimeout bounds connecting to a serve.
	dialTimeout = 5 * time.Second
)

func controlSocket(d *dataDir) string { return d.file("control.sock") }

// serveControl listens on the data dir's control socket and runs commands
// sent there until ctx ends; it records the socket in owner.json. The
// returned wait blocks until the listener is closed and every command it
// ran has returned (they are cancelled with ctx), so the data dir is
// closed under none of them.
func serveControl(ctx context.Context, g *globals, log *slog.Logger) (wait func(), err error) {
	d := g.dir
	sock := controlSocket(d)
	os.Remove(sock) // we hold the lock: a socket left here is stale
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return nil, fmt.Errorf("control socket: %w", err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("control socket: %w", err)
	}
	if err := d.lock.setSocket(sock); err != nil {
		ln.Close()
		return nil, err
	}
	var running sync.WaitGroup
	mux := http.NewServeMux()
	mux.HandleFunc("POST /run", func(w http.ResponseWriter, r *http.Request) {
		running.Add(1)
		defer running.Done()
		runForClient(ctx, g, log, w, r)
	})
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := serveHTTP(ctx, sameUser{ln}, mux); err != nil {
			log.Error("control_socket_failed", "err", err)
		}
		os.Remove(sock)
	}()
	return func() {
		<-served
		running.Wait()
	}, nil
}

// sameUser accepts connections only from this process's user: the
// socket's mode says so already, this holds even if the mode was changed.
type sameUser struct{ net.Listener }

func (l sameUser) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if peerIsUs(c) {
			return c, nil
		}
		c.Close()
	}
}

func peerIsUs(c net.Conn) bool {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return false
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return false
	}
	var cred *syscall.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	}); err != nil || cerr != nil {
		return false
	}
	return int(cred.Uid) == os.Getuid()
}

// runForClient runs one client's command and streams its output back. The
// command stops when the client goes away or the serve stops.
func runForClient(serveCtx context.Context, g *globals, log *slog.Logger, w http.ResponseWriter, r *http.Request) {
	var req runRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRunRequest)).Decode(&req); err != nil || req.Dir == "" {
		http.Error(w, "bad run request", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	defer context.AfterFunc(serveCtx, cancel)()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.WriteHeader(http.StatusOK)
	fw := &frameWriter{w: w, rc: http.NewResponseController(w)}
	fw.rc.Flush() // the client learns at once that its command runs
	start := time.Now()
	line := commandLine(req.Args)
	log.Info("control_command", "args", line)
	child := &globals{cwd: req.Dir, dir: g.dir, lent: true}
	code := execute(ctx, child, req.Args, bytes.NewReader(nil), fw.stream(frameStdout), fw.stream(frameStderr))
	fw.frame(frameExit, []byte(strconv.Itoa(code)))
	log.Info("control_command_done", "args", line, "exit", code, "cancelled", ctx.Err() != nil, "elapsed", time.Since(start).Round(time.Millisecond).String())
}

// frameWriter writes frames to a streamed response, flushing each.
type frameWriter struct {
	mu sync.Mutex
	w  io.Writer
	rc *http.ResponseController
}

func (f *frameWriter) frame(kind byte, p []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	head := binary.AppendUvarint([]byte{kind}, uint64(len(p)))
	if _, err := f.w.Write(append(head, p...)); err != nil {
		return err
	}
	return f.rc.Flush()
}

type streamWriter struct {
	f    *frameWriter
	kind byte
}

func (s streamWriter) Write(p []byte) (int, error) {
	if err := s.f.frame(s.kind, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (f *frameWriter) stream(kind byte) io.Writer { return streamWriter{f, kind} }

// forward sends a command line to the serve that owns the data dir and
// copies its output here; it returns the command's exit status. Ctrl-C
// (ctx) closes the request, which stops the command there.
func forward(ctx context.Context, o owner, args []string, stdout, stderr io.Writer) (int, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	body, err := json.Marshal(runRequest{Args: args, Dir: cwd})
	if err != nil {
		return 0, err
	}
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			d := net.Dialer{Timeout: dialTimeout}
			return d.DialContext(ctx, "unix", o.Socket)
		},
		ResponseHeaderTimeout: dialTimeout,
	}}
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://scamhunt/run", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	held := fmt.Sprintf("pid %d (%s)", o.PID, o.Command)
	resp, err := client.Do(req)
	if err != nil && ctx.Err() != nil {
		return 0, fmt.Errorf("interrupted: %s stops the command", held)
	}
	if err != nil {
		return 0, fmt.Errorf("the data dir is held by %s, which did not take the command: %w", held, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return 0, fmt.Errorf("the data dir is held by %s, which refused the command: %s", held, bytes.TrimSpace(msg))
	}
	br := bufio.NewReader(resp.Body)
	for {
		kind, p, err := readFrame(br)
		if err != nil {
			if ctx.Err() != nil {
				return 0, fmt.Errorf("interrupted: %s stops the command", held)
			}
			return 0, fmt.Errorf("the command running in %s: %w", held, err)
		}
		switch kind {
		case frameStdout:
			stdout.Write(p)
		case frameStderr:
			stderr.Write(p)
		case frameExit:
			code, err := strconv.Atoi(string(p))
			if err != nil {
				return 0, fmt.Errorf("bad exit status %q from %s", p, held)
			}
			return code, nil
		}
	}
}

func readFrame(r *bufio.Reader) (byte, []byte, error) {
	kind, err := r.ReadByte()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return 0, nil, err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return 0, nil, err
	}
	if n > 64<<20 {
		return 0, nil, fmt.Errorf("frame of %d bytes", n)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return 0, nil, err
	}
	return kind, p, nil
}
