package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/stormless/stormless/internal/pack"
)

// parseParams reads action parameters from arguments as StackStorm's CLI
// does: NAME=VALUE sets a parameter, VALUE cast by the parameter's type
// (castParam); @NAME=FILE sets it to FILE's content; the first argument
// without "=" and every one after it, joined by spaces, become cmd (so
// `run core.local date -u` runs "date -u"). params are the action's
// parameters; a name it lacks keeps its value as a string.
func parseParams(args []string, params map[string]*pack.Param) (map[string]any, error) {
	out := map[string]any{}
	for i, arg := range args {
		name, value, ok := strings.Cut(arg, "=")
		if !ok {
			out["cmd"] = strings.Join(args[i:], " ")
			break
		}
		if name == "" {
			return nil, fmt.Errorf("argument %q: give NAME=VALUE", arg)
		}
		if file, isFile := strings.CutPrefix(name, "@"); isFile {
			b, err := os.ReadFile(value)
			if err != nil {
				return nil, fmt.Errorf("parameter %s: reading %w", file, err)
			}
			out[file] = string(b)
			continue
		}
		v, err := castParam(value, paramType(params[name]))
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

// paramType returns p's type: its type, or its one type besides "null"
// in a list of types; empty when unknown.
func paramType(p *pack.Param) string {
	if p == nil {
		return ""
	}
	switch t := p.Type.(type) {
	case string:
		return t
	case []any:
		var only string
		for _, x := range t {
			if s, _ := x.(string); s != "null" {
				if only != "" {
					return ""
				}
				only = s
			}
		}
		return only
	}
	return ""
}

// castParam casts a command-line value to typ as StackStorm's CLI does:
// integer and number parse; boolean is true or false (any case); object is
// JSON when it starts with "{", else a,b pairs "k1=v1,k2=v2"; array is a
// one-element list for an integer, a JSON array, else the comma-separated
// items trimmed; anything else stays a string.
func castParam(value, typ string) (any, error) {
	switch typ {
	case "integer":
		n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", value)
		}
		return n, nil
	case "number":
		f, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", value)
		}
		return f, nil
	case "boolean":
		switch strings.ToLower(strings.TrimSpace(value)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not a boolean: use true or false", value)
	case "object":
		return castObject(value)
	case "array":
		return castArray(value), nil
	}
	return value, nil
}

// castObject reads a JSON object, or "k1=v1,k2=v2" (pairs without "="
// are skipped, as StackStorm does).
func castObject(value string) (any, error) {
	if strings.HasPrefix(strings.TrimSpace(value), "{") {
		var m map[string]any
		if err := json.Unmarshal([]byte(value), &m); err != nil {
			return nil, fmt.Errorf("invalid JSON object %q: %v", value, err)
		}
		return m, nil
	}
	m := map[string]any{}
	for _, pair := range strings.Split(value, ",") {
		if k, v, ok := strings.Cut(pair, "="); ok {
			m[k] = v
		}
	}
	return m, nil
}

// castArray reads an integer as a one-element list, a JSON array, or
// comma-separated items.
func castArray(value string) []any {
	if n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); err == nil {
		return []any{n}
	}
	var list []any
	if err := json.Unmarshal([]byte(value), &list); err == nil && list != nil {
		return list
	}
	items := []any{}
	for _, s := range strings.Split(value, ",") {
		items = append(items, strings.TrimSpace(s))
	}
	return items
}
