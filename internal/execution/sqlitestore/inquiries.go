package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// CreateInquiry implements execution.Inquiries.
func (s *Store) CreateInquiry(ctx context.Context, q execution.Inquiry) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		doc, err := json.Marshal(q)
		if err != nil {
			return fmt.Errorf("encoding inquiry %s: %w", q.ID, err)
		}
		const ins = `INSERT INTO inquiries (id, status, created, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
		n, err := tx.exec(ctx, ins, q.ID, string(q.Status), q.CreatedAt.UnixNano(), doc)
		if err != nil {
			return fmt.Errorf("creating inquiry %s: %w", q.ID, err)
		}
		return conflict(n, "inquiry", q.ID)
	})
}

// GetInquiry implements execution.Inquiries.
func (s *Store) GetInquiry(ctx context.Context, id string) (execution.Inquiry, error) {
	var q execution.Inquiry
	err := get(ctx, s, "inquiries", id, &q)
	return q, err
}

// ListInquiries implements execution.Inquiries.
func (s *Store) ListInquiries(ctx context.Context, q execution.InquiryQuery) (execution.Page[execution.Inquiry], error) {
	l := listing{table: "inquiries", ts: "created", tr: q.TimeRange, page: q.PageQuery}
	l.eq("status", string(q.Status))
	return list[execution.Inquiry](ctx, s, l)
}

// ResolveInquiry implements execution.Inquiries.
func (s *Store) ResolveInquiry(ctx context.Context, id string, r execution.Resolution) (execution.Inquiry, error) {
	var q execution.Inquiry
	if err := r.Check(); err != nil {
		return q, err
	}
	err := s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		var err error
		q, err = resolveInquiry(ctx, tx, id, r)
		return err
	})
	return q, err
}

// resolveInquiry ends a pending inquiry inside the writer.
func resolveInquiry(ctx context.Context, tx *wtx, id string, r execution.Resolution) (execution.Inquiry, error) {
	var q execution.Inquiry
	var doc []byte
	if err := tx.queryRow(ctx, "SELECT doc FROM inquiries WHERE id = ?", id).Scan(&doc); err != nil {
		return q, notFound(err, "inquiry", id)
	}
	if err := json.Unmarshal(doc, &q); err != nil {
		return q, fmt.Errorf("decoding inquiry %s: %w", id, err)
	}
	if q.Status != execution.InquiryPending {
		return q, fmt.Errorf("resolving inquiry %s: it is %q: %w", id, q.Status, execution.ErrConflict)
	}
	q.Resolve(r)
	doc, err := json.Marshal(q)
	if err != nil {
		return q, fmt.Errorf("encoding inquiry %s: %w", id, err)
	}
	if _, err := tx.exec(ctx, "UPDATE inquiries SET status = ?, doc = ? WHERE id = ?", string(q.Status), doc, id); err != nil {
		return q, fmt.Errorf("updating inquiry %s: %w", id, err)
	}
	return q, nil
}
