package functions_test

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/functions"
)

// build compiles every function into dir with the flags of make
// functions, for goos/goarch.
func build(t testing.TB, dir, goos, goarch string) {
	t.Helper()
	args := []string{"build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", dir}
	for _, n := range functions.Names {
		args = append(args, "./"+n)
	}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the functions: %v\n%s", err, out)
	}
}

// TestNamesMatchFolders keeps functions.Names, the folders and the
// Makefile's list in step (infra/ deploys Names).
func TestNamesMatchFolders(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	names := slices.Clone(functions.Names)
	sort.Strings(names)
	if !slices.Equal(dirs, names) {
		t.Errorf("got folders %v, want Names %v", dirs, names)
	}
	mk, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "FUNCTIONS := " + strings.Join(functions.Names, " "); !strings.Contains(string(mk), want) {
		t.Errorf("the Makefile does not list %q", want)
	}
}

// TestSizes builds the functions as make functions does (linux/arm64) and
// checks each is under 20 MB.
func TestSizes(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "linux", "arm64")
	for _, n := range functions.Names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.1f MB", n, float64(fi.Size())/1e6)
		if fi.Size() >= 20e6 {
			t.Errorf("%s is %d bytes, want under 20 MB", n, fi.Size())
		}
	}
}

// runtimeAPI is a Lambda Runtime API that notes when a function first asks
// for an event (the end of its init) and sends it none.
type runtimeAPI struct {
	addr string
	next chan time.Time
}

func startRuntimeAPI(t testing.TB) *runtimeAPI {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &runtimeAPI{addr: l.Addr().String(), next: make(chan time.Time, 16)}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasSuffix(req.URL.Path, "/runtime/invocation/next") {
			r.next <- time.Now()
		}
		http.Error(w, "no events here", http.StatusInternalServerError)
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return r
}

// environment is what the stack sets, with AWS pointed at a closed port
// so that any call at init would fail the function.
func environment(runtimeAPI string) []string {
	packs, _ := filepath.Abs(filepath.Join("..", "packs"))
	return []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(),
		"AWS_LAMBDA_RUNTIME_API=" + runtimeAPI, "AWS_REGION=eu-west-1",
		"AWS_ACCESS_KEY_ID=AKIDTEST", "AWS_SECRET_ACCESS_KEY=secret", "AWS_SESSION_TOKEN=token",
		"AWS_ENDPOINT_URL=http://127.0.0.1:9",
		"STORMLESS_TABLE=stormless", "STORMLESS_EVENT_BUS=stormless", "STORMLESS_PACKS=" + packs,
		"STORMLESS_ACCOUNT_ID=123456789012", "STORMLESS_KV_PREFIX=/stormless/",
		"STORMLESS_ENFORCE_STATE_MACHINE_ARN=arn:aws:states:eu-west-1:123456789012:stateMachine:stormless-enforce",
	}
}

// initTime starts bin and returns the time until it asks for its first
// event.
func initTime(t testing.TB, bin string, api *runtimeAPI) time.Duration {
	d, _ := initTimes(t, bin, api)
	return d
}

// initTimes starts bin and returns the wall time until it asks for its
// first event, and the CPU time (user and system) the process used by
// then (it is killed at once, so the CPU time is its init's, on a loaded
// machine too).
func initTimes(t testing.TB, bin string, api *runtimeAPI) (wall, cpu time.Duration) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = environment(api.addr)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case at := <-api.next:
		_ = cmd.Process.Kill()
		<-exited
		return at.Sub(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	case err := <-exited:
		t.Fatalf("%s exited during init (%v): %s", filepath.Base(bin), err, out.String())
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("%s did not ask for an event within 10 s: %s", filepath.Base(bin), out.String())
	}
	return 0, 0
}

// TestInit starts each function (built for this machine) against a fake
// Runtime API with the stack's environment: each loads the packs and
// reaches lambda.Start without calling AWS.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, runtime.GOOS, runtime.GOARCH)
	api := startRuntimeAPI(t)
	for _, n := range functions.Names {
		d := initTime(t, filepath.Join(dir, n), api)
		t.Logf("%s: init %v", n, d)
	}
}

// BenchmarkInit reports each function's init time: process start to its
// first request for an event (median and 90th percentile of b.N starts),
// and the CPU time used by then (median).
func BenchmarkInit(b *testing.B) {
	dir := b.TempDir()
	build(b, dir, runtime.GOOS, runtime.GOARCH)
	api := startRuntimeAPI(b)
	for _, n := range functions.Names {
		b.Run(n, func(b *testing.B) {
			var walls, cpus []time.Duration
			for b.Loop() {
				w, c := initTimes(b, filepath.Join(dir, n), api)
				walls, cpus = append(walls, w), append(cpus, c)
			}
			slices.Sort(walls)
			slices.Sort(cpus)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(walls[len(walls)/2]), "init-ms")
			b.ReportMetric(ms(walls[len(walls)*9/10]), "p90-init-ms")
			b.ReportMetric(ms(cpus[len(cpus)/2]), "init-cpu-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}
