package sqlitekv

import (
	"context"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/datastore"
)

// List implements datastore.Store: items ordered by scope, user and name,
// paged by the last item's key; secrets stay encrypted.
func (s *Store) List(ctx context.Context, q datastore.Query) (datastore.Page, error) {
	var page datastore.Page
	query, args, err := listQuery(q, s.now().UnixNano())
	if err != nil {
		return page, err
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return page, fmt.Errorf("listing keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if len(page.Items) == q.PageSize() {
			page.Next = datastore.PageToken(page.Items[len(page.Items)-1].Key())
			break
		}
		kv, err := scanItem(rows)
		if err != nil {
			return page, fmt.Errorf("listing keys: %w", err)
		}
		page.Items = append(page.Items, kv)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("listing keys: %w", err)
	}
	return page, nil
}

// listQuery builds the SELECT for q at time now.
func listQuery(q datastore.Query, now int64) (string, []any, error) {
	where := []string{"(expires = 0 OR expires > ?)"}
	args := []any{now}
	if q.Scope != "" {
		if q.Scope != datastore.ScopeSystem && q.Scope != datastore.ScopeUser {
			return "", nil, fmt.Errorf("listing keys: scope %q: %w", q.Scope, datastore.ErrInvalid)
		}
		where, args = append(where, "scope = ?"), append(args, q.Scope)
	}
	if q.User != "" {
		where, args = append(where, "user IN ('', ?)"), append(args, q.User)
	}
	if q.Prefix != "" {
		where = append(where, "substr(name, 1, ?) = ?")
		args = append(args, len(q.Prefix), q.Prefix)
	}
	if q.Token != "" {
		k, err := datastore.ParsePageToken(q.Token)
		if err != nil {
			return "", nil, err
		}
		where, args = append(where, "(scope, user, name) > (?, ?, ?)"), append(args, k.Scope, k.User, k.Name)
	}
	query := fmt.Sprintf("SELECT scope, user, name, value, secret, expires FROM kv WHERE %s ORDER BY scope, user, name LIMIT %d",
		strings.Join(where, " AND "), q.PageSize()+1)
	return query, args, nil
}
