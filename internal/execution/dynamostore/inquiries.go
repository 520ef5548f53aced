package dynamostore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/execution"
)

// inquiryItem validates q and returns its item.
func (s *Store) inquiryItem(q execution.Inquiry) (item, error) {
	it, err := newItem(kindInquiry, q.ID, q.CreatedAt, q)
	if err != nil {
		return nil, err
	}
	it[attrStatus] = sv(string(q.Status))
	setKey(it, attrG1, kindInquiry, string(q.Status), false)
	if exp, ok := s.expires(q.RespondedAt); ok && q.Status != execution.InquiryPending {
		it[attrExpires] = n(exp)
	}
	return it, nil
}

// decodeInquiry decodes an inquiry item.
func decodeInquiry(it item) (execution.Inquiry, error) {
	var q execution.Inquiry
	err := decodeDoc(it, &q)
	return q, err
}

// CreateInquiry stores a new, pending inquiry.
func (s *Store) CreateInquiry(ctx context.Context, q execution.Inquiry) error {
	if err := q.Validate(); err != nil {
		return err
	}
	if err := checkTime("inquiry "+q.ID+" created_at", q.CreatedAt); err != nil {
		return err
	}
	it, err := s.inquiryItem(q)
	if err != nil {
		return err
	}
	return s.create(ctx, kindInquiry, q.ID, it)
}

// GetInquiry returns inquiry id or ErrNotFound.
func (s *Store) GetInquiry(ctx context.Context, id string) (execution.Inquiry, error) {
	it, err := s.get(ctx, kindInquiry, id)
	if err != nil {
		return execution.Inquiry{}, err
	}
	return decodeInquiry(it)
}

// ListInquiries returns one page of inquiries, newest first.
func (s *Store) ListInquiries(ctx context.Context, q execution.InquiryQuery) (execution.Page[execution.Inquiry], error) {
	spec := listSpec{kind: kindInquiry, index: indexKind, attr: attrKind, value: kindInquiry}
	if q.Status != "" {
		spec.index, spec.attr, spec.value = indexG1, attrG1, kindInquiry+"#"+string(q.Status)
	}
	return listPage(ctx, s, spec, q.TimeRange, q.PageQuery, decodeInquiry, func(x execution.Inquiry) bool {
		return q.Status == "" || x.Status == q.Status
	})
}

// ResolveInquiry ends pending inquiry id with r; of two responses exactly
// one wins.
func (s *Store) ResolveInquiry(ctx context.Context, id string, r execution.Resolution) (execution.Inquiry, error) {
	if err := r.Check(); err != nil {
		return execution.Inquiry{}, err
	}
	q, err := s.GetInquiry(ctx, id)
	if err != nil {
		return q, err
	}
	if q.Status != execution.InquiryPending {
		return execution.Inquiry{}, conflict(kindInquiry, id, "already "+string(q.Status))
	}
	q.Resolve(r)
	b, err := json.Marshal(q)
	if err != nil {
		return execution.Inquiry{}, fmt.Errorf("encoding inquiry %s: %w", id, err)
	}
	vals := item{":doc": sv(string(b)), ":st": sv(string(q.Status)), ":g1": sv(kindInquiry + "#" + string(q.Status)),
		":pending": sv(string(execution.InquiryPending))}
	expr := "SET doc = :doc, st = :st, g1 = :g1"
	if exp, ok := s.expires(r.At); ok {
		expr += ", expires = :exp"
		vals[":exp"] = n(exp)
	}
	_, err = s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(kindInquiry, id),
		UpdateExpression: aws.String(expr), ConditionExpression: aws.String("st = :pending"),
		ExpressionAttributeValues: vals,
	})
	if conditionFailed(err) {
		return execution.Inquiry{}, s.existsOrConflict(ctx, kindInquiry, id, "no longer pending")
	}
	if err != nil {
		return execution.Inquiry{}, storageErr("resolving inquiry "+id, err)
	}
	return q, nil
}
