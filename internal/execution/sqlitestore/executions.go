package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// CreateExecution implements execution.Executions.
func (s *Store) CreateExecution(ctx context.Context, e execution.Execution) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		return insertExecution(ctx, tx, e)
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

// TransitionExecution implements execution.Executions.
func (s *Store) TransitionExecution(ctx context.Context, id string, c execution.Change) (execution.Execution, error) {
	var e execution.Execution
	if err := c.Check(); err != nil {
		return e, err
	}
	err := s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		var err error
		e, err = transition(ctx, tx, id, c)
		return err
	})
	return e, err
}

// InFlightExecutions implements execution.Executions.
func (s *Store) InFlightExecutions(ctx context.Context) ([]execution.Execution, error) {
	var out []execution.Execution
	for _, st := range execution.Statuses {
		if !st.InFlight() {
			continue
		}
		page, err := s.ListExecutions(ctx, execution.ExecutionQuery{Status: st, PageQuery: execution.PageQuery{Limit: execution.MaxLimit}})
		for err == nil {
			out = append(out, page.Items...)
			if page.Next == "" {
				break
			}
			page, err = s.ListExecutions(ctx, execution.ExecutionQuery{Status: st, PageQuery: execution.PageQuery{Limit: execution.MaxLimit, Token: page.Next}})
		}
		if err != nil {
			return nil, fmt.Errorf("listing in-flight executions: %w", err)
		}
	}
	sortOldestFirst(out)
	return out, nil
}

// insertExecution stores a new execution and links it to its parent.
func insertExecution(ctx context.Context, tx *wtx, e execution.Execution) error {
	e.Log = []execution.LogEntry{{Timestamp: e.StartTimestamp, Status: e.Status}}
	e.Children = nil
	if e.Status.Final() && e.EndTimestamp.IsZero() {
		e.EndTimestamp = e.StartTimestamp
	}
	doc, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding execution %s: %w", e.ID, err)
	}
	const q = `INSERT INTO executions (id, action, status, rule, trigger_type, parent, start_ts, end_ts, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	n, err := tx.exec(ctx, q, e.ID, e.Action.Ref, string(e.Status), ruleRef(e.Rule), triggerTypeRef(e.TriggerType),
		e.Parent, e.StartTimestamp.UnixNano(), endNanos(e), doc)
	if err != nil {
		return fmt.Errorf("creating execution %s: %w", e.ID, err)
	}
	if err := conflict(n, "execution", e.ID); err != nil {
		return err
	}
	if e.Parent == "" {
		return nil
	}
	return addChild(ctx, tx, e.Parent, e.ID)
}

// addChild appends child to parent's children.
func addChild(ctx context.Context, tx *wtx, parent, child string) error {
	p, err := readExecution(ctx, tx, parent)
	if err != nil {
		return fmt.Errorf("linking execution %s to its parent: %w", child, err)
	}
	p.Children = append(p.Children, child)
	return writeExecution(ctx, tx, p)
}

// transition applies a compare-and-set status change.
func transition(ctx context.Context, tx *wtx, id string, c execution.Change) (execution.Execution, error) {
	e, err := readExecution(ctx, tx, id)
	if err != nil {
		return e, err
	}
	if e.Status != c.From {
		return e, fmt.Errorf("moving execution %s from %q: it is %q: %w", id, c.From, e.Status, execution.ErrConflict)
	}
	e.Apply(c)
	return e, writeExecution(ctx, tx, e)
}

// readExecution reads an execution inside the write transaction.
func readExecution(ctx context.Context, tx *wtx, id string) (execution.Execution, error) {
	var e execution.Execution
	var doc []byte
	if err := tx.queryRow(ctx, "SELECT doc FROM executions WHERE id = ?", id).Scan(&doc); err != nil {
		return e, notFound(err, "execution", id)
	}
	if err := json.Unmarshal(doc, &e); err != nil {
		return e, fmt.Errorf("decoding execution %s: %w", id, err)
	}
	return e, nil
}

// writeExecution replaces an existing execution's row.
func writeExecution(ctx context.Context, tx *wtx, e execution.Execution) error {
	doc, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding execution %s: %w", e.ID, err)
	}
	const q = "UPDATE executions SET status = ?, end_ts = ?, doc = ? WHERE id = ?"
	if _, err := tx.exec(ctx, q, string(e.Status), endNanos(e), doc, e.ID); err != nil {
		return fmt.Errorf("updating execution %s: %w", e.ID, err)
	}
	return nil
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
