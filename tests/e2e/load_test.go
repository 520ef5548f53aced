package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Load test sizes: a quick run by default (make test), the full
// run with STORMLESS_E2E_LOAD=20000.
const (
	defaultLoad     = 1000
	loadConcurrency = 32
	loadEnv         = "STORMLESS_E2E_LOAD"
	// loadStreamEnv, when set, keeps /stream/v1/stream open during the
	// load test (as a Web UI would) and counts its events.
	loadStreamEnv = "STORMLESS_E2E_LOAD_STREAM"
)

// loadCount is how many webhooks the load test posts.
func loadCount(t *testing.T) int {
	t.Helper()
	v := os.Getenv(loadEnv)
	if v == "" {
		return defaultLoad
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 1_000_000 {
		t.Fatalf("%s=%q: want a count from 1 to 1000000", loadEnv, v)
	}
	return n
}

// TestLoadWebhooks posts webhooks at loadConcurrency against a rule
// firing core.noop on the real binary and reports acknowledged
// webhooks/s, p50/p99 acknowledge latency, the time until every execution
// is recorded succeeded, and the server's RSS idle and under load
// (/proc/<pid>/status). It fails only on errors (a webhook not
// acknowledged, an execution missing); the figures are reported, not
// asserted, as they depend on the machine. docs/performance.md has the
// command and figures.
func TestLoadWebhooks(t *testing.T) {
	n := loadCount(t)
	s := startUp(t, shippedPacks, testPacks)
	pid := s.cmd.Process.Pid
	time.Sleep(500 * time.Millisecond) // let start-up garbage settle
	idleKB := vmKB(t, pid, "VmRSS")

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadConcurrency, MaxConnsPerHost: loadConcurrency}}
	body := []byte(`{"id": 1, "source": "load"}`)
	latencies := make([]time.Duration, n)
	var next, failed atomic.Int64
	var firstErr atomic.Value
	var peakKB atomic.Int64
	stopSampling := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopSampling:
				return
			case <-time.After(50 * time.Millisecond):
				if kb := int64(vmKB(t, pid, "VmRSS")); kb > peakKB.Load() {
					peakKB.Store(kb)
				}
			}
		}
	}()
	var streamed atomic.Int64
	if os.Getenv(loadStreamEnv) != "" {
		s.follow(t, &streamed)
	}
	cpu0, self0 := cpuTime(t, pid), selfCPU(t)
	start := time.Now()
	var wg sync.WaitGroup
	for range loadConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				t0 := time.Now()
				resp, err := client.Post(s.url+"/api/v1/webhooks/e2e/noop", "application/json", bytes.NewReader(body))
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusAccepted {
						err = fmt.Errorf("webhook %d: got %d", i, resp.StatusCode)
					}
				}
				latencies[i] = time.Since(t0)
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	acked := time.Since(start)
	if failed.Load() > 0 {
		close(stopSampling)
		t.Fatalf("%d of %d webhooks failed, first: %v", failed.Load(), n, firstErr.Load())
	}
	s.waitSucceeded(t, n, 5*time.Minute)
	processed := time.Since(start)
	serverCPU, clientCPU := cpuTime(t, pid)-cpu0, selfCPU(t)-self0
	close(stopSampling)
	hwmKB := vmKB(t, pid, "VmHWM")

	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(float64(n-1)*p)] }
	t.Logf("webhooks: %d at concurrency %d", n, loadConcurrency)
	t.Logf("acknowledged: %.0f webhooks/s (%.2f s), p50 %.2f ms, p99 %.2f ms, max %.2f ms",
		float64(n)/acked.Seconds(), acked.Seconds(), ms(pct(0.50)), ms(pct(0.99)), ms(latencies[n-1]))
	t.Logf("processed: all %d executions succeeded %.2f s after the first post (%.0f webhooks/s end to end)",
		n, processed.Seconds(), float64(n)/processed.Seconds())
	t.Logf("CPU: server %.0f µs per webhook (%.2f s, %.0f%% of one core over the run), load generator %.0f µs per webhook",
		float64(serverCPU.Microseconds())/float64(n), serverCPU.Seconds(), 100*serverCPU.Seconds()/processed.Seconds(),
		float64(clientCPU.Microseconds())/float64(n))
	if os.Getenv(loadStreamEnv) != "" {
		time.Sleep(time.Second) // let the stream catch up
		t.Logf("stream: %d events received while it ran (%.1f per webhook)", streamed.Load(), float64(streamed.Load())/float64(n))
	}
	t.Logf("RSS: idle %.1f MB, under load (sampled peak) %.1f MB, high-water mark %.1f MB",
		float64(idleKB)/1024, float64(peakKB.Load())/1024, float64(hwmKB)/1024)
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// waitSucceeded waits until n executions of core.noop are recorded
// succeeded, reading the n-th of the listing (offset n-1).
func (s *server) waitSucceeded(t *testing.T, n int, timeout time.Duration) {
	t.Helper()
	path := fmt.Sprintf("/api/v1/executions?action=core.noop&status=succeeded&limit=1&offset=%d", n-1)
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var items []execution
		s.getJSON(t, path, &items)
		if len(items) == 1 {
			return
		}
	}
	var items []execution
	s.getJSON(t, "/api/v1/executions?action=core.noop&limit=5", &items)
	t.Fatalf("not all %d executions succeeded within %s; newest: %+v", n, timeout, items)
}

// cpuTime is the user and system CPU time process pid has used
// (/proc/<pid>/stat, in clock ticks of 10 ms).
func cpuTime(t *testing.T, pid int) time.Duration {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatalf("reading the CPU time of process %d: %v", pid, err)
	}
	// Fields after the command name (which may hold spaces) end with ")".
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(fields) < 13 {
		t.Fatalf("parsing /proc/%d/stat: %q", pid, data)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("parsing /proc/%d/stat: %q", pid, data)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// selfCPU is the user and system CPU time this test process has used.
func selfCPU(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// follow opens the event stream and counts its events into n until the
// test ends.
func (s *server) follow(t *testing.T, n *atomic.Int64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/stream/v1/stream", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && sc.Text() != "" { // subscribed once the retry line came
	}
	go func() {
		defer resp.Body.Close()
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: ") {
				n.Add(1)
			}
		}
	}()
}
