package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary is the stormless binary TestMain builds for every test.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stormless-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "stormless")
	build := exec.Command("go", "build", "-trimpath", "-o", binary, "./cmd/stormless")
	build.Dir = filepath.Join("..", "..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building stormless:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Pack directories the tests serve: the shipped core pack (not the
// examples, whose five-minute timer and sensors would add records to
// tests that count them) and the tests' own.
var (
	shippedPacks = filepath.Join("..", "..", "packs", "core")
	testPacks    = filepath.Join("testdata", "packs")
	timerPacks   = filepath.Join("testdata", "timer")
)

// lockedBuffer is a bytes.Buffer safe for the process's writes and the
// test's reads.
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

// server is a running `stormless up`.
type server struct {
	url     string
	dataDir string
	cmd     *exec.Cmd
	stdout  *lockedBuffer
	stderr  *lockedBuffer
	done    chan struct{}
	err     error // Wait's error, once done is closed
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startUp starts the binary's `stormless up` over packDirs in a fresh data
// directory on a free loopback port, waits until /api/v1/health answers,
// and stops it (SIGTERM) when the test ends.
func startUp(t testing.TB, packDirs ...string) *server {
	t.Helper()
	return startUpIn(t, t.TempDir(), packDirs...)
}

// startUpIn is startUp with the data directory given.
func startUpIn(t testing.TB, dataDir string, packDirs ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	args := []string{"up", "--data-dir", dataDir, "--listen", addr}
	for _, d := range packDirs {
		args = append(args, "--packs", d)
	}
	s := &server{url: "http://" + addr, dataDir: dataDir, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(binary, args...)
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	s.cmd.Env = append(os.Environ(), "STORMLESS_URL="+s.url)
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("starting stormless up: %v", err)
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() { s.stop(t) })
	s.waitHealthy(t)
	return s
}

// waitHealthy polls /api/v1/health until it answers 200.
func (s *server) waitHealthy(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			t.Fatalf("stormless up exited before serving: %v\nstdout:\n%s\nstderr:\n%s", s.err, s.stdout, s.stderr)
		default:
		}
		resp, err := http.Get(s.url + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("stormless up never became healthy\nstderr:\n%s", s.stderr)
}

// stop sends SIGTERM and waits for the process to end (killing it after
// a while); it returns the exit error.
func (s *server) stop(t testing.TB) error {
	t.Helper()
	select {
	case <-s.done:
		return s.err
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(40 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		t.Errorf("stormless up did not stop within 40 s of SIGTERM\nstderr:\n%s", s.stderr)
	}
	return s.err
}

// response is one answer of the server.
type response struct {
	code   int
	body   []byte
	header http.Header
}

// request sends method path with body (JSON-encoded unless a string or
// []byte) and headers given as name, value pairs.
func (s *server) request(t testing.TB, method, path string, body any, headers ...string) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, s.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{code: resp.StatusCode, body: out, header: resp.Header}
}

// getJSON GETs path, wants 200 and decodes the body into v.
func (s *server) getJSON(t testing.TB, path string, v any, headers ...string) {
	t.Helper()
	r := s.request(t, http.MethodGet, path, nil, headers...)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: got %d %s, want 200", path, r.code, r.body)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("GET %s: decoding %s: %v", path, r.body, err)
	}
}

// execution is the part of an execution record the tests read.
type execution struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Action struct {
		Ref string `json:"ref"`
	} `json:"action"`
	Result   json.RawMessage `json:"result"`
	Children []string        `json:"children"`
	Parent   string          `json:"parent"`
	Rule     *struct {
		Ref string `json:"ref"`
	} `json:"rule"`
	TriggerInstance *struct {
		ID string `json:"id"`
	} `json:"trigger_instance"`
}

// final reports whether status is one an execution ends in.
func final(status string) bool {
	switch status {
	case "succeeded", "failed", "timeout", "canceled", "abandoned":
		return true
	}
	return false
}

// waitFor polls every 20 ms until ok returns true or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out after %s waiting for %s", timeout, what)
}

// waitExecution polls execution id until it is final.
func (s *server) waitExecution(t testing.TB, id string) execution {
	t.Helper()
	var x execution
	waitFor(t, 30*time.Second, "execution "+id+" to end", func() bool {
		s.getJSON(t, "/api/v1/executions/"+id, &x)
		return final(x.Status)
	})
	return x
}

// cli runs the binary with args against the server and returns its
// output and exit status.
func (s *server) cli(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "STORMLESS_URL="+s.url)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("running stormless %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errOut.String(), code
}

// running is a CLI command started with cliStart.
type running struct {
	cmd         *exec.Cmd
	out, errOut *lockedBuffer
}

// cliStart starts the binary with args against the server; wait for it
// with wait.
func (s *server) cliStart(t testing.TB, args ...string) *running {
	t.Helper()
	r := &running{cmd: exec.Command(binary, args...), out: &lockedBuffer{}, errOut: &lockedBuffer{}}
	r.cmd.Env = append(os.Environ(), "STORMLESS_URL="+s.url)
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.errOut
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("starting stormless %s: %v", strings.Join(args, " "), err)
	}
	t.Cleanup(func() { _ = r.cmd.Process.Kill() })
	return r
}

// wait waits (at most 30 s) for the command to end and returns its output
// and exit status.
func (r *running) wait(t testing.TB) (stdout, stderr string, code int) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		_ = r.cmd.Process.Kill()
		<-done
		t.Fatalf("stormless %s still running after 30 s\n%s%s", strings.Join(r.cmd.Args[1:], " "), r.out, r.errOut)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running stormless: %v", err)
	}
	return r.out.String(), r.errOut.String(), code
}

// vmKB reads field (VmRSS, VmHWM) of pid's /proc status, in kB.
func vmKB(t testing.TB, pid int, field string) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("reading the status of process %d: %v", pid, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("parsing %q: %v", line, err)
			}
			return kb
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
