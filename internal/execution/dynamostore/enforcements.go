package dynamostore

import (
	"context"

	"github.com/stormless/stormless/internal/execution"
)

// enforcementItem validates e and returns its item.
func (s *Store) enforcementItem(e execution.Enforcement) (item, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if err := checkTime("enforcement "+e.ID+" enforced_at", e.EnforcedAt); err != nil {
		return nil, err
	}
	it, err := newItem(kindEnforcement, e.ID, e.EnforcedAt, e)
	if err != nil {
		return nil, err
	}
	setKey(it, attrG1, kindEnforcement, e.Rule.Ref, false)
	setKey(it, attrG2, kindEnforcement, e.TriggerInstanceID, true)
	setKey(it, attrG3, kindEnforcement, e.ExecutionID, true)
	if exp, ok := s.expires(e.EnforcedAt); ok {
		it[attrExpires] = n(exp)
	}
	return it, nil
}

// decodeEnforcement decodes an enforcement item.
func decodeEnforcement(it item) (execution.Enforcement, error) {
	var e execution.Enforcement
	err := decodeDoc(it, &e)
	return e, err
}

// CreateEnforcement stores a new enforcement.
func (s *Store) CreateEnforcement(ctx context.Context, e execution.Enforcement) error {
	it, err := s.enforcementItem(e)
	if err != nil {
		return err
	}
	return s.create(ctx, kindEnforcement, e.ID, it)
}

// GetEnforcement returns enforcement id or ErrNotFound.
func (s *Store) GetEnforcement(ctx context.Context, id string) (execution.Enforcement, error) {
	it, err := s.get(ctx, kindEnforcement, id)
	if err != nil {
		return execution.Enforcement{}, err
	}
	return decodeEnforcement(it)
}

// ListEnforcements returns one page of enforcements, newest first.
func (s *Store) ListEnforcements(ctx context.Context, q execution.EnforcementQuery) (execution.Page[execution.Enforcement], error) {
	spec := listSpec{kind: kindEnforcement, index: indexKind, attr: attrKind, value: kindEnforcement}
	switch {
	case q.ExecutionID != "":
		spec.index, spec.attr, spec.value = indexG3, attrG3, kindEnforcement+"#"+q.ExecutionID
	case q.TriggerInstanceID != "":
		spec.index, spec.attr, spec.value = indexG2, attrG2, kindEnforcement+"#"+q.TriggerInstanceID
	case q.Rule != "":
		spec.index, spec.attr, spec.value = indexG1, attrG1, kindEnforcement+"#"+q.Rule
	}
	return listPage(ctx, s, spec, q.TimeRange, q.PageQuery, decodeEnforcement, func(e execution.Enforcement) bool {
		return (q.Rule == "" || e.Rule.Ref == q.Rule) && (q.TriggerInstanceID == "" || e.TriggerInstanceID == q.TriggerInstanceID) &&
			(q.ExecutionID == "" || e.ExecutionID == q.ExecutionID)
	})
}
