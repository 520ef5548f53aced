package sqlitestore_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// childEnv names the database file the re-executed test binary writes to
// until it is killed.
const childEnv = "STORMLESS_SQLITESTORE_DURABILITY_CHILD"

// TestMain lets the durability test re-execute this binary as the writer
// it kills.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(runChild(path))
	}
	os.Exit(m.Run())
}

// runChild writes enforcements from 16 goroutines forever, printing
// "created ID" once a batch is acknowledged and "done ID" once its
// execution's success is.
func runChild(path string) int {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var (
		n  atomic.Int64
		mu sync.Mutex
	)
	say := func(what, id string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, "%s %s\n", what, id)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for {
				id := fmt.Sprint(n.Add(1))
				if err := childWrite(ctx, s, id, say); err != nil {
					fmt.Fprintln(os.Stderr, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return 1
}

// childWrite records one enforcement and its execution's success,
// announcing each acknowledgement.
func childWrite(ctx context.Context, s *sqlitestore.Store, id string, say func(what, id string)) error {
	if err := enforceBatch(ctx, s, id); err != nil {
		return err
	}
	say("created", id)
	c := execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: time.Now().UTC()}
	if _, err := s.TransitionExecution(ctx, "e"+id, c); err != nil {
		return err
	}
	say("done", id)
	return nil
}

// TestDurability kills a writing process with SIGKILL mid-stream and
// checks, after reopening the file, that every acknowledged write is there
// and the database is consistent.
func TestDurability(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	created, done := runAndKill(t, path, 3000)
	if len(created) < 3000 {
		t.Fatalf("got %d acknowledged batches before the kill, want at least 3000", len(created))
	}
	checkIntegrity(t, path)
	s, err := sqlitestore.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range created {
		wantStatus := execution.StatusRunning
		if done[id] {
			wantStatus = execution.StatusSucceeded
		}
		checkAcknowledged(t, s, id, wantStatus)
	}
	t.Logf("%d batches and %d completions acknowledged before the kill; all found", len(created), len(done))
}

// runAndKill runs the child on path, kills it with SIGKILL once it has
// acknowledged at least n batches, and returns what it acknowledged.
func runAndKill(t *testing.T, path string, n int) ([]string, map[string]bool) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var created []string
	done := map[string]bool{}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		what, id, _ := strings.Cut(sc.Text(), " ")
		if what == "created" {
			created = append(created, id)
		} else {
			done[id] = true
		}
		if len(created) >= n && !killed {
			must(t, cmd.Process.Kill()) // SIGKILL; lines already written are still read
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("child exited after %d acknowledgements, before the kill", len(created))
	}
	return created, done
}

// checkAcknowledged fails t unless every record of batch id is stored and
// its execution has at least the acknowledged status.
func checkAcknowledged(t *testing.T, s *sqlitestore.Store, id string, want execution.Status) {
	t.Helper()
	ctx := t.Context()
	e, err := s.GetExecution(ctx, "e"+id)
	if err != nil {
		t.Fatalf("acknowledged execution e%s: %v", id, err)
	}
	if want == execution.StatusSucceeded && e.Status != want {
		t.Errorf("execution e%s: got status %s, want %s", id, e.Status, want)
	}
	if _, err := s.GetTriggerInstance(ctx, "ti"+id); err != nil {
		t.Errorf("acknowledged trigger instance ti%s: %v", id, err)
	}
	if _, err := s.GetEnforcement(ctx, "en"+id); err != nil {
		t.Errorf("acknowledged enforcement en%s: %v", id, err)
	}
}

// checkIntegrity runs SQLite's integrity check on path.
func checkIntegrity(t *testing.T, path string) {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(t.Context(), "PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatal(err)
	}
	if res != "ok" {
		t.Fatalf("integrity check: got %q, want ok", res)
	}
	// Batches are atomic: whatever the kill cut, each table holds one
	// record per committed batch.
	var ti, tr, en, ex int
	const counts = `SELECT (SELECT count(*) FROM trigger_instances), (SELECT count(*) FROM traces),
		(SELECT count(*) FROM enforcements), (SELECT count(*) FROM executions)`
	if err := db.QueryRowContext(t.Context(), counts).Scan(&ti, &tr, &en, &ex); err != nil {
		t.Fatal(err)
	}
	if ti != tr || tr != en || en != ex {
		t.Errorf("got %d trigger instances, %d traces, %d enforcements, %d executions; want equal counts", ti, tr, en, ex)
	}
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
