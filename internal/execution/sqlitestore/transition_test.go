package sqlitestore

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

func TestLogEntryJSONIsMarshal(t *testing.T) {
	at := []time.Time{
		time.Date(2026, 11, 28, 2, 3, 4, 5000, time.UTC),
		time.Date(2026, 11, 28, 2, 3, 4, 0, time.UTC),
		time.Date(1999, 1, 2, 3, 4, 5, 123456789, time.FixedZone("x", 3600)),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		{},
	}
	statuses := []execution.Status{execution.StatusRunning, execution.StatusSucceeded, "odd<status>", "", "ÄÖ"}
	for _, a := range at {
		for _, s := range statuses {
			c := execution.Change{At: a, To: s}
			got, gotErr := logEntryJSON(c)
			want, wantErr := json.Marshal(execution.LogEntry{Timestamp: a, Status: s})
			if string(got) != string(want) || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("%v %q: got %s (%v), want %s (%v)", a, s, got, gotErr, want, wantErr)
			}
		}
	}
}
