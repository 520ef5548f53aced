package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// maxOffset bounds offset paging, which reads and drops the skipped records.
const maxOffset = 10000

// minYear and maxYear bound the times a listing accepts, inside the range
// of nanosecond Unix times that stores index by.
const (
	minYear = 1700
	maxYear = 2200
)

// paging is a listing's limit, offset and marker from the query string.
type paging struct {
	limit  int
	offset int
	marker string
}

// parsePaging reads limit, offset and marker; limit defaults to
// execution.DefaultLimit and is capped at execution.MaxLimit.
func parsePaging(q url.Values) (paging, error) {
	p := paging{limit: execution.DefaultLimit, marker: q.Get("marker")}
	var err error
	if p.limit, err = intParam(q, "limit", execution.DefaultLimit, 1, execution.MaxLimit); err != nil {
		return p, err
	}
	if p.offset, err = intParam(q, "offset", 0, 0, maxOffset); err != nil {
		return p, err
	}
	return p, nil
}

// intParam reads integer query parameter name, between lo and hi.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo {
		return 0, badRequest("%s must be an integer of at least %d, got %q", name, lo, s)
	}
	return min(n, hi), nil
}

// fetchPage returns one page of a listing: it skips p.offset records from
// p.marker on, then returns up to p.limit records and the marker after them.
func fetchPage[T any](ctx context.Context, p paging,
	list func(context.Context, execution.PageQuery) (execution.Page[T], error)) ([]T, string, error) {
	token := p.marker
	for skip := p.offset; skip > 0; {
		page, err := list(ctx, execution.PageQuery{Limit: min(skip, execution.MaxLimit), Token: token})
		if err != nil {
			return nil, "", err
		}
		skip -= len(page.Items)
		if token = page.Next; token == "" {
			return []T{}, "", nil
		}
	}
	page, err := list(ctx, execution.PageQuery{Limit: p.limit, Token: token})
	if err != nil {
		return nil, "", err
	}
	if page.Items == nil {
		page.Items = []T{}
	}
	return page.Items, page.Next, nil
}

// writePage answers with one page of a listing and StackStorm's paging
// headers.
func writePage(w http.ResponseWriter, p paging, items any, next string) {
	w.Header().Set("X-Limit", strconv.Itoa(p.limit))
	if next != "" {
		w.Header().Set("X-Next-Marker", next)
	}
	writeJSON(w, http.StatusOK, items)
}

// timeRange reads the bounds gtName (exclusive) and ltName (exclusive) as
// RFC 3339 times.
func timeRange(q url.Values, gtName, ltName string) (execution.TimeRange, error) {
	var tr execution.TimeRange
	gt, err := timeParam(q, gtName)
	if err != nil {
		return tr, err
	}
	if !gt.IsZero() {
		tr.Since = gt.Add(time.Nanosecond)
	}
	tr.Until, err = timeParam(q, ltName)
	return tr, err
}

// timeParam reads query parameter name as an RFC 3339 time; zero when absent.
func timeParam(q url.Values, name string) (time.Time, error) {
	s := q.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, badRequest("%s must be an RFC 3339 time, got %q", name, s)
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, badRequest("%s must be between the years %d and %d, got %q", name, minYear, maxYear, s)
	}
	return t, nil
}
