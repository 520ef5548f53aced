package api

import (
	"encoding/json"
	"net/url"
	"strings"
)

// projection keeps or drops top-level attributes of listed records, as
// StackStorm's include_attributes and exclude_attributes do.
type projection struct {
	include map[string]bool
	exclude map[string]bool
}

// parseProjection reads include_attributes and exclude_attributes
// (comma-separated); giving both is a bad request.
func parseProjection(v url.Values) (projection, error) {
	p := projection{include: nameSet(v.Get("include_attributes")), exclude: nameSet(v.Get("exclude_attributes"))}
	if p.include != nil && p.exclude != nil {
		return p, badRequest("give include_attributes or exclude_attributes, not both")
	}
	return p, nil
}

// nameSet splits a comma-separated list; nil when empty.
func nameSet(list string) map[string]bool {
	if list == "" {
		return nil
	}
	m := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		m[strings.TrimSpace(n)] = true
	}
	return m
}

// apply returns items as JSON objects with the projection applied; items
// unchanged when it is empty. The id is always kept.
func applyProjection[T any](p projection, items []T) (any, error) {
	if p.include == nil && p.exclude == nil {
		return items, nil
	}
	out := make([]map[string]json.RawMessage, 0, len(items))
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, errorf("encoding record: %w", err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, errorf("decoding record: %w", err)
		}
		out = append(out, p.filter(m))
	}
	return out, nil
}

// filter applies the projection to one record.
func (p projection) filter(m map[string]json.RawMessage) map[string]json.RawMessage {
	for k := range m {
		drop := p.exclude[k] || p.include != nil && !p.include[k]
		if drop && k != "id" {
			delete(m, k)
		}
	}
	return m
}
