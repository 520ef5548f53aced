package sqlitestore_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// TestMigrationToRowidTables opens a file at schema version 1 (WITHOUT
// ROWID tables) holding an execution and a trigger instance, and checks
// that version 2 keeps both, executions in an ordinary (rowid) table.
func TestMigrationToRowidTables(t *testing.T) {
	dir := t.TempDir()
	now := time.Now().UTC().Truncate(time.Microsecond)
	x := execution.Execution{ID: execution.NewID(), Action: execution.Action{Ref: "core.noop"}, Status: execution.StatusRequested, StartTimestamp: now}
	ti := execution.TriggerInstance{ID: execution.NewID(), Trigger: "core.st2.webhook", Payload: []byte(`{"a":1}`), OccurrenceTime: now, Status: execution.TriggerPending}
	// Records as the current code writes them, copied into a version-1 file.
	src := filepath.Join(dir, "src.db")
	s, err := sqlitestore.Open(t.Context(), src)
	must(t, err)
	must(t, s.CreateBatch(t.Context(), execution.Batch{Executions: []execution.Execution{x}, TriggerInstances: []execution.TriggerInstance{ti}}))
	must(t, s.Close())
	v1, err := os.ReadFile(filepath.Join("migrations", "0001_init.sql"))
	must(t, err)
	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", "file:"+old)
	must(t, err)
	for _, q := range []string{
		string(v1),
		"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
		"INSERT INTO schema_version VALUES (1, '0001_init.sql', 0)",
		"ATTACH DATABASE '" + src + "' AS src",
		"INSERT INTO executions SELECT * FROM src.executions",
		"INSERT INTO trigger_instances SELECT * FROM src.trigger_instances",
	} {
		if _, err := db.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("preparing version 1 (%.40s): %v", q, err)
		}
	}
	must(t, db.Close())

	s, err = sqlitestore.Open(t.Context(), old)
	must(t, err)
	defer s.Close()
	gotX, err := s.GetExecution(t.Context(), x.ID)
	must(t, err)
	if gotX.ID != x.ID || gotX.Status != x.Status || !gotX.StartTimestamp.Equal(now) {
		t.Errorf("got execution %+v after migrating, want %+v", gotX, x)
	}
	gotTI, err := s.GetTriggerInstance(t.Context(), ti.ID)
	must(t, err)
	if !reflect.DeepEqual(gotTI.Payload, ti.Payload) || gotTI.Status != ti.Status {
		t.Errorf("got trigger instance %+v after migrating, want %+v", gotTI, ti)
	}
	page, err := s.ListExecutions(t.Context(), execution.ExecutionQuery{Action: "core.noop"})
	must(t, err)
	if len(page.Items) != 1 {
		t.Errorf("got %d executions of core.noop, want 1 (indexes rebuilt)", len(page.Items))
	}
	db, err = sql.Open("sqlite", "file:"+old+"?mode=ro")
	must(t, err)
	defer db.Close()
	for _, table := range []string{"executions", "traces"} {
		var schema string
		must(t, db.QueryRowContext(t.Context(), "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&schema))
		if strings.Contains(schema, "WITHOUT ROWID") {
			t.Errorf("got schema %s, want %s in a rowid table (its documents are large)", schema, table)
		}
	}
}
