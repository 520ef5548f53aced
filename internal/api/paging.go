package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
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
// headers. X-Total-Count, which StackStorm sends on every listing, is sent
// when the total is known without counting: the listing started at its
// beginning (no marker) and ends on this page, so the total is the offset
// plus the records shown. A listing with more pages has none: neither store
// counts cheaply (DynamoDB would read every matching item to count them,
// a Query or Scan with Select COUNT, at the cost of reading them all), so
// clients follow X-Next-Marker instead.
func writePage(w http.ResponseWriter, p paging, items any, next string) {
	w.Header().Set("X-Limit", strconv.Itoa(p.limit))
	if next != "" {
		w.Header().Set("X-Next-Marker", next)
	} else if n := reflect.ValueOf(items); p.marker == "" && n.Kind() == reflect.Slice && (n.Len() > 0 || p.offset == 0) {
		// An offset past the end shows nothing and says nothing of the total.
		setTotal(w, p.offset+n.Len())
	}
	writeJSON(w, http.StatusOK, items)
}

// setTotal sets StackStorm's X-Total-Count header.
func setTotal(w http.ResponseWriter, n int) {
	w.Header().Set("X-Total-Count", strconv.Itoa(n))
}

// withTotalCount sets X-Total-Count on a listing that answers its whole
// list (the catalog's actions, rules, trigger types, packs; the API keys):
// the answer is held until it is complete, and when it is a 200 holding a
// JSON array, the header gives its length.
func withTotalCount(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &heldResponse{header: http.Header{}, status: http.StatusOK}
		next(rec, r)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.status == http.StatusOK {
			var items []json.RawMessage
			if json.Unmarshal(rec.body.Bytes(), &items) == nil {
				setTotal(w, len(items))
			}
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
	}
}

// heldResponse holds an answer until the handler returns.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header         { return h.header }
func (h *heldResponse) WriteHeader(status int)      { h.status = status }
func (h *heldResponse) Write(b []byte) (int, error) { return h.body.Write(b) }

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
