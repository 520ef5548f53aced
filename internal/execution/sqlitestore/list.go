package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// listing is one list query: a table, its ordering time column, equality
// filters and the page wanted.
type listing struct {
	table string
	ts    string
	where []string
	args  []any
	tr    execution.TimeRange
	page  execution.PageQuery
}

// eq adds the filter column = v when v is not empty.
func (l *listing) eq(column, v string) {
	if v != "" {
		l.where = append(l.where, column+" = ?")
		l.args = append(l.args, v)
	}
}

// sql returns the query text and its arguments, fetching one row more
// than the page size to tell whether another page follows.
func (l *listing) sql() (string, []any, error) {
	where, args := append([]string{"1"}, l.where...), append([]any{}, l.args...)
	if !l.tr.Since.IsZero() {
		where, args = append(where, l.ts+" >= ?"), append(args, l.tr.Since.UnixNano())
	}
	if !l.tr.Until.IsZero() {
		where, args = append(where, l.ts+" < ?"), append(args, l.tr.Until.UnixNano())
	}
	c, ok, err := parseToken(l.page.Token)
	if err != nil {
		return "", nil, err
	}
	if ok {
		where, args = append(where, "("+l.ts+", id) < (?, ?)"), append(args, c.ts, c.id)
	}
	q := fmt.Sprintf("SELECT %s, id, %s FROM %s WHERE %s ORDER BY %s DESC, id DESC LIMIT ?",
		l.ts, docColumn(l.table), l.table, strings.Join(where, " AND "), l.ts)
	return q, append(args, l.page.PageSize()+1), nil
}

// list runs l and decodes each document into a T.
func list[T any](ctx context.Context, s *Store, l listing) (execution.Page[T], error) {
	var page execution.Page[T]
	q, args, err := l.sql()
	if err != nil {
		return page, err
	}
	st, err := s.stmt(ctx, q)
	if err != nil {
		return page, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return page, fmt.Errorf("listing %s: %w", l.table, err)
	}
	defer rows.Close()
	var last cursor
	for rows.Next() {
		if len(page.Items) == l.page.PageSize() {
			page.Next = last.token()
			break
		}
		var doc []byte
		if err := rows.Scan(&last.ts, &last.id, &doc); err != nil {
			return page, fmt.Errorf("reading %s: %w", l.table, err)
		}
		var v T
		if err := json.Unmarshal(doc, &v); err != nil {
			return page, fmt.Errorf("decoding %s %s: %w", l.table, last.id, err)
		}
		page.Items = append(page.Items, v)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("listing %s: %w", l.table, err)
	}
	return page, nil
}

// docColumn is the expression that reads a row's document of table as
// JSON text. An execution's document is stored as SQLite's binary JSON
// (JSONB) from the first write on, so that each status change edits it in
// place instead of parsing and printing 1-2 KB of text; rows written as
// text by earlier versions read the same (json() takes either), and
// their first status change stores them as JSONB.
func docColumn(table string) string {
	if table == "executions" {
		return "json(doc)"
	}
	return "doc"
}

// get reads the document of id from table into v; ErrNotFound when there
// is none.
func get(ctx context.Context, s *Store, table, id string, v any) error {
	st, err := s.stmt(ctx, "SELECT "+docColumn(table)+" FROM "+table+" WHERE id = ?")
	if err != nil {
		return err
	}
	var doc []byte
	if err := st.QueryRowContext(ctx, id).Scan(&doc); err != nil {
		return notFound(err, table, id)
	}
	if err := json.Unmarshal(doc, v); err != nil {
		return fmt.Errorf("decoding %s %s: %w", table, id, err)
	}
	return nil
}
