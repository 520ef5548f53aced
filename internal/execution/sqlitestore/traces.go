package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// CreateTrace implements execution.Traces.
func (s *Store) CreateTrace(ctx context.Context, t execution.Trace) error {
	if err := t.Validate(); err != nil {
		return err
	}
	r, err := newTraceRow(t)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := checkNew(ctx, tx, "traces", r.id); err != nil {
			return err
		}
		return r.insert(ctx, tx)
	})
}

// GetTrace implements execution.Traces.
func (s *Store) GetTrace(ctx context.Context, id string) (execution.Trace, error) {
	var t execution.Trace
	err := get(ctx, s, "traces", id, &t)
	return t, err
}

// ListTraces implements execution.Traces.
func (s *Store) ListTraces(ctx context.Context, q execution.TraceQuery) (execution.Page[execution.Trace], error) {
	l := listing{table: "traces", ts: "start_ts", tr: q.TimeRange, page: q.PageQuery}
	l.eq("trace_tag", q.TraceTag)
	return list[execution.Trace](ctx, s, l)
}

// AddTraceComponents implements execution.Traces.
func (s *Store) AddTraceComponents(ctx context.Context, id string, c execution.TraceComponents) (execution.Trace, error) {
	var t execution.Trace
	err := s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		var doc []byte
		if err := tx.queryRow(ctx, "SELECT doc FROM traces WHERE id = ?", id).Scan(&doc); err != nil {
			return notFound(err, "trace", id)
		}
		if err := json.Unmarshal(doc, &t); err != nil {
			return fmt.Errorf("decoding trace %s: %w", id, err)
		}
		t.Add(c)
		return updateTrace(ctx, tx, t)
	})
	return t, err
}

// updateTrace replaces a trace's document.
func updateTrace(ctx context.Context, tx *wtx, t execution.Trace) error {
	doc, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encoding trace %s: %w", t.ID, err)
	}
	if _, err := tx.exec(ctx, "UPDATE traces SET doc = ? WHERE id = ?", doc, t.ID); err != nil {
		return fmt.Errorf("updating trace %s: %w", t.ID, err)
	}
	return nil
}

// traceRow is a new trace encoded for its table.
type traceRow struct {
	id, tag string
	start   int64
	doc     []byte
}

// newTraceRow encodes t.
func newTraceRow(t execution.Trace) (traceRow, error) {
	doc, err := json.Marshal(t)
	if err != nil {
		return traceRow{}, fmt.Errorf("encoding trace %s: %w", t.ID, err)
	}
	return traceRow{id: t.ID, tag: t.TraceTag, start: t.StartTimestamp.UnixNano(), doc: doc}, nil
}

// insert writes r; the caller checked that its id is new.
func (r traceRow) insert(ctx context.Context, tx *wtx) error {
	const q = "INSERT INTO traces (id, trace_tag, start_ts, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
	n, err := tx.exec(ctx, q, r.id, r.tag, r.start, r.doc)
	if err != nil {
		return fmt.Errorf("creating trace %s: %w", r.id, err)
	}
	if n == 0 {
		return idExists("traces", r.id)
	}
	return nil
}
