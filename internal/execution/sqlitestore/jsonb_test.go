package sqlitestore_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// TestTextDocumentsStillRead checks that executions whose documents an
// earlier version stored as JSON text (this one stores JSONB) read, list,
// change status and gain children as before, and are JSONB once changed.
func TestTextDocumentsStillRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	now := time.Now().UTC().Truncate(time.Microsecond)
	parent := execution.Execution{ID: execution.NewID(), Action: execution.Action{Ref: "core.local"}, Status: execution.StatusRunning, StartTimestamp: now,
		Result: json.RawMessage(`{"msg":"<a & b> \u00e9 \"q\"","n":1.50}`)}
	s, err := sqlitestore.Open(t.Context(), path)
	must(t, err)
	must(t, s.CreateExecution(t.Context(), parent))
	must(t, s.Close())

	db, err := sql.Open("sqlite", "file:"+path)
	must(t, err)
	defer db.Close()
	docType := func() string {
		var ty string
		must(t, db.QueryRowContext(t.Context(), "SELECT typeof(doc) FROM executions WHERE id = ?", parent.ID).Scan(&ty))
		return ty
	}
	if ty := docType(); ty != "blob" {
		t.Fatalf("new document stored as %s, want blob (JSONB)", ty)
	}
	_, err = db.ExecContext(t.Context(), "UPDATE executions SET doc = json(doc)")
	must(t, err)
	if ty := docType(); ty != "text" {
		t.Fatalf("document stored as %s after json(doc), want text", ty)
	}

	s, err = sqlitestore.Open(t.Context(), path)
	must(t, err)
	defer s.Close()
	got, err := s.GetExecution(t.Context(), parent.ID)
	must(t, err)
	if got.Status != execution.StatusRunning || !sameJSON(t, got.Result, parent.Result) {
		t.Errorf("got %s with result %s from a text document, want running with %s", got.Status, got.Result, parent.Result)
	}
	child := execution.Execution{ID: execution.NewID(), Action: execution.Action{Ref: "core.noop"}, Status: execution.StatusScheduled, StartTimestamp: now, Parent: parent.ID}
	must(t, s.CreateExecution(t.Context(), child))
	end := now.Add(1500 * time.Millisecond)
	done, err := s.TransitionExecution(t.Context(), parent.ID, execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: end, Result: json.RawMessage(`{"ok":true}`)})
	must(t, err)
	if done.Status != execution.StatusSucceeded || len(done.Log) != 2 || !done.EndTimestamp.Equal(end) || done.ElapsedSeconds != 1.5 ||
		!sameJSON(t, done.Result, json.RawMessage(`{"ok":true}`)) || len(done.Children) != 1 || done.Children[0] != child.ID {
		t.Errorf("got %+v after the change, want succeeded, 2 log entries, ended %s after 1.5 s, result {\"ok\":true}, child %s", done, end, child.ID)
	}
	if ty := docType(); ty != "blob" {
		t.Errorf("changed document stored as %s, want blob (JSONB)", ty)
	}
	again, err := s.GetExecution(t.Context(), parent.ID)
	must(t, err)
	if again.Status != done.Status || len(again.Log) != 2 || len(again.Children) != 1 {
		t.Errorf("read back %+v, want %+v", again, done)
	}
	page, err := s.ListExecutions(t.Context(), execution.ExecutionQuery{Status: execution.StatusSucceeded})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != parent.ID {
		t.Errorf("listed %d succeeded executions, want the parent", len(page.Items))
	}
	inflight, err := s.InFlightExecutions(t.Context())
	must(t, err)
	if len(inflight) != 1 || inflight[0].ID != child.ID {
		t.Errorf("got %d in-flight executions, want the child", len(inflight))
	}
}

// sameJSON reports whether a and b decode to the same value.
func sameJSON(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	var va, vb any
	must(t, json.Unmarshal(a, &va))
	must(t, json.Unmarshal(b, &vb))
	return reflect.DeepEqual(va, vb)
}
