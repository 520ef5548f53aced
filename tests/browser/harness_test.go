package browser

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// stormlessBin is the stormless binary TestMain builds.
var stormlessBin string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if os.Getenv("STORMLESS_SKIP_BROWSER") == "1" {
		return m.Run() // every test skips and says why
	}
	dir, err := os.MkdirTemp("", "stormless-browser-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "creating a directory for the binary:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	stormlessBin = filepath.Join(dir, "stormless")
	build := exec.Command("go", "build", "-o", stormlessBin, "../../cmd/stormless")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building stormless:", err)
		return 1
	}
	return m.Run()
}

// chromiumPath returns Debian's Chromium, failing the test with what to do
// when it is missing; STORMLESS_SKIP_BROWSER=1 skips instead.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if os.Getenv("STORMLESS_SKIP_BROWSER") == "1" {
		t.Skip("STORMLESS_SKIP_BROWSER=1: the Web UI's browser tests are skipped")
	}
	path := os.Getenv("STORMLESS_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Chromium not found at %s (%v): run `make browser` to install Debian's chromium, "+
			"set STORMLESS_CHROMIUM to another binary, or STORMLESS_SKIP_BROWSER=1 to skip these tests", path, err)
	}
	return path
}

// server is a running `stormless up`.
type server struct {
	url     string
	dataDir string
}

// startServer starts stormless up on a free loopback port with a fresh
// data directory over packs/ and the test pack, and stops it (SIGINT) when
// the test ends. extra are more flags of up.
func startServer(t *testing.T, extra ...string) *server {
	t.Helper()
	s := &server{dataDir: t.TempDir()}
	return s.start(t, extra...)
}

// start (re)starts up on s's data directory.
func (s *server) start(t *testing.T, extra ...string) *server {
	t.Helper()
	args := append([]string{"up", "--packs", "../../packs", "--packs", "testdata/packs",
		"--data-dir", s.dataDir, "--listen", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(stormlessBin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting stormless up: %v", err)
	}
	urls := make(chan string, 1)
	go scanURL(out, urls)
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Errorf("stormless up did not stop within 10 s of SIGINT; stderr:\n%s", stderr.String())
		}
	})
	select {
	case s.url = <-urls:
	case <-time.After(20 * time.Second):
		t.Fatalf("stormless up did not print its URL within 20 s; stderr:\n%s", stderr.String())
	}
	return s
}

// scanURL sends the URL of up's "Stormless is up at URL" line and drains
// the rest of its output.
func scanURL(r io.Reader, urls chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Stormless is up at "); ok {
			urls <- strings.Fields(rest)[0]
		}
	}
}

// post sends a JSON body to the API and returns the status and body.
func (s *server) post(t *testing.T, method, path, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// browser is one headless Chromium tab that records every response body
// and server-sent event it receives.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu        sync.Mutex
	pending   sync.WaitGroup
	responses map[string]string // URL -> body of each response seen
	events    []string          // data of each server-sent event
	artifacts string
}

// newBrowser starts Chromium headless with a fresh profile.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "en-US"), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(t.Context()), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &browser{t: t, ctx: ctx, responses: map[string]string{}, artifacts: artifactsDir(t)}
	t.Cleanup(func() {
		b.pending.Wait()
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Listen(ctx, b.onEvent); err != nil {
		t.Fatalf("starting Chromium at %s: %v (run `make browser` if it is broken)", path, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	return b
}

// artifactsDir is where screenshots go: STORMLESS_ARTIFACTS, else
// stormless-browser-artifacts in the temporary directory, overwritten by
// each run and kept after it.
func artifactsDir(t *testing.T) string {
	dir := os.Getenv("STORMLESS_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "stormless-browser-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// onEvent records response bodies (fetched on another goroutine, as Listen
// requires) and server-sent event data.
func (b *browser) onEvent(ev any) {
	switch e := ev.(type) {
	case *network.EventResponseReceived:
		b.mu.Lock()
		b.responses[string(e.RequestID)] = e.Response.URL
		b.mu.Unlock()
	case *network.EventLoadingFinished:
		b.pending.Add(1)
		go b.fetchBody(e.RequestID)
	case *network.EventEventSourceMessageReceived:
		b.mu.Lock()
		b.events = append(b.events, e.Data)
		b.mu.Unlock()
	}
}

func (b *browser) fetchBody(id network.RequestID) {
	defer b.pending.Done()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: id})
	b.mu.Lock()
	defer b.mu.Unlock()
	url := b.responses[string(id)]
	if err != nil {
		return // redirects and cancelled requests have no body
	}
	b.responses["body:"+string(id)] = url + "\n" + string(res.Body)
}

// seen returns every response body and event received so far.
func (b *browser) seen() []string {
	b.pending.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for k, v := range b.responses {
		if strings.HasPrefix(k, "body:") {
			out = append(out, v)
		}
	}
	return append(out, b.events...)
}

// do runs actions, failing the test with what was being done.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript expression until it is true, failing with
// what and the value of show (an expression describing the page) if it
// never is.
func (b *browser) waitFor(what, expr, show string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("%s: still false after 20 s: %s\npage: %s", what, expr, eval[string](b, show))
}

// open navigates to a route of the UI and waits for its heading.
func (b *browser) open(base, route string) {
	b.t.Helper()
	b.do("opening "+route, chromedp.Navigate(base+"/#"+route))
	b.waitFor("page "+route+" rendered", `document.querySelector('main h1') && !document.querySelector('main > p.muted:only-child')`, mainText)
}

// mainText describes the page for failure messages.
const mainText = `document.querySelector('main').innerText.slice(0, 2000)`

// screenshot saves the viewport as name.png in the artifacts directory.
func (b *browser) screenshot(name string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.artifacts, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return path
}

// html is the page's current HTML.
func (b *browser) html() string {
	return eval[string](b, `document.documentElement.outerHTML`)
}

// checkLabels fails when a form control on the page has no label or a
// button no text (keyboard and screen-reader users need both), or when
// visible text has less than WCAG AA contrast with its background (4.5:1,
// 3:1 for large text).
func (b *browser) checkLabels(page string) {
	b.t.Helper()
	bad := eval[[]string](b, `[...document.querySelectorAll('input, select, textarea, button')].filter(el =>
		el.tagName === 'BUTTON' ? !(el.innerText.trim() || el.getAttribute('aria-label'))
		: !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.outerHTML.slice(0, 120))`)
	if len(bad) > 0 {
		b.t.Errorf("%s: controls without a label: %q", page, bad)
	}
	if low := eval[[]string](b, contrastJS); len(low) > 0 {
		b.t.Errorf("%s: text below WCAG AA contrast: %q", page, low)
	}
}

// contrastJS lists the elements whose own text has too little contrast
// with the first opaque background behind them (disabled controls are
// exempt, as WCAG allows).
const contrastJS = `(() => {
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!['#text'].some(() => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))) continue;
    if (el.closest('svg') || el.closest(':disabled') || el.closest('.visually-hidden') || !el.offsetParent) continue;
    const st = getComputedStyle(el);
    const a = lum(rgb(st.color)), c = lum(bg(el));
    const ratio = (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
    const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return out.slice(0, 20);
})()`

// setValue is an action that sets a form control's value as a user would
// leave it (input and change events fire).
func (b *browser) setValue(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		expr := `(() => { const el = document.querySelector(` + jsString(sel) + `); if (!el) return false;
			el.value = ` + jsString(value) + `; el.dispatchEvent(new Event('input', {bubbles: true}));
			el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`
		ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("no element %s", sel)
		}
		return err
	})
}
