package sqlitestore

import (
	"context"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// purgeStatements delete old records, in the order Purge runs them; each
// takes the cutoff in Unix nanoseconds.
var purgeStatements = []struct {
	what  string
	query string
	count func(*execution.Purged) *int
}{
	{"output", `DELETE FROM execution_output WHERE execution_id IN
		(SELECT id FROM executions WHERE start_ts < ?1 AND end_ts <> 0 AND end_ts < ?1)`,
		func(p *execution.Purged) *int { return &p.OutputLines }},
	{"executions", "DELETE FROM executions WHERE start_ts < ?1 AND end_ts <> 0 AND end_ts < ?1",
		func(p *execution.Purged) *int { return &p.Executions }},
	{"trigger instances", "DELETE FROM trigger_instances WHERE occurred < ?",
		func(p *execution.Purged) *int { return &p.TriggerInstances }},
	{"enforcements", "DELETE FROM enforcements WHERE enforced < ?",
		func(p *execution.Purged) *int { return &p.Enforcements }},
	{"traces", "DELETE FROM traces WHERE start_ts < ?",
		func(p *execution.Purged) *int { return &p.Traces }},
	{"inquiries", "DELETE FROM inquiries WHERE status <> 'pending' AND created < ?",
		func(p *execution.Purged) *int { return &p.Inquiries }},
}

// Purge implements execution.Purger. Only final executions have an end
// timestamp, so in-flight ones are never deleted; an execution ends after
// it starts, so the start index narrows the scan. The purge is one write.
func (s *Store) Purge(ctx context.Context, before time.Time) (execution.Purged, error) {
	var p execution.Purged
	err := s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		p = execution.Purged{}
		for _, st := range purgeStatements {
			n, err := tx.exec(ctx, st.query, before.UnixNano())
			if err != nil {
				return fmt.Errorf("purging %s: %w", st.what, err)
			}
			*st.count(&p) = int(n)
		}
		return nil
	})
	return p, err
}
