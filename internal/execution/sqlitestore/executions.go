package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// CreateExecution implements execution.Executions.
func (s *Store) CreateExecution(ctx context.Context, e execution.Execution) error {
	if err := e.Validate(); err != nil {
		return err
	}
	r, err := newExecutionRow(e)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := checkNew(ctx, tx, "executions", r.id); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, r.parent, r.id); err != nil {
			return err
		}
		return r.insert(ctx, tx)
	})
}

// GetExecution implements execution.Executions.
func (s *Store) GetExecution(ctx context.Context, id string) (execution.Execution, error) {
	var e execution.Execution
	err := get(ctx, s, "executions", id, &e)
	return e, err
}

// ListExecutions implements execution.Executions.
func (s *Store) ListExecutions(ctx context.Context, q execution.ExecutionQuery) (execution.Page[execution.Execution], error) {
	l := listing{table: "executions", ts: "start_ts", tr: q.TimeRange, page: q.PageQuery}
	l.eq("action", q.Action)
	l.eq("status", string(q.Status))
	l.eq("rule", q.Rule)
	l.eq("trigger_type", q.TriggerType)
	l.eq("parent", q.Parent)
	if q.TopLevel {
		l.where = append(l.where, "parent = ''")
	}
	return list[execution.Execution](ctx, s, l)
}

// TransitionExecution implements execution.Executions. The
// compare-and-set is one UPDATE whose WHERE clause holds c.From.
func (s *Store) TransitionExecution(ctx context.Context, id string, c execution.Change) (execution.Execution, error) {
	var e execution.Execution
	if err := c.Check(); err != nil {
		return e, err
	}
	u, err := newTransitionUpdate(id, c)
	if err != nil {
		return e, err
	}
	var doc []byte
	err = s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		var err error
		doc, err = u.apply(ctx, tx)
		return err
	})
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal(doc, &e); err != nil {
		return e, fmt.Errorf("decoding execution %s: %w", id, err)
	}
	return e, nil
}

// InFlightExecutions implements execution.Executions with one query, so
// the result is a snapshot.
func (s *Store) InFlightExecutions(ctx context.Context) ([]execution.Execution, error) {
	var statuses []string
	for _, st := range execution.Statuses {
		if st.InFlight() {
			statuses = append(statuses, "'"+string(st)+"'")
		}
	}
	q := "SELECT json(doc) FROM executions WHERE status IN (" + strings.Join(statuses, ", ") + ") ORDER BY start_ts, id"
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing in-flight executions: %w", err)
	}
	defer rows.Close()
	var out []execution.Execution
	for rows.Next() {
		var doc []byte
		var e execution.Execution
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("reading in-flight executions: %w", err)
		}
		if err := json.Unmarshal(doc, &e); err != nil {
			return nil, fmt.Errorf("decoding in-flight execution: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// endNanos is the end_ts column of e: 0 until it ends.
func endNanos(e execution.Execution) int64 {
	if e.EndTimestamp.IsZero() {
		return 0
	}
	return e.EndTimestamp.UnixNano()
}

// ruleRef is the rule column of an execution.
func ruleRef(r *execution.RuleRef) string {
	if r == nil {
		return ""
	}
	return r.Ref
}

// triggerTypeRef is the trigger_type column of an execution.
func triggerTypeRef(t *execution.TriggerTypeRef) string {
	if t == nil {
		return ""
	}
	return t.Ref
}
