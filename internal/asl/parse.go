package asl

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/tailscale/hujson"
	"github.com/titanous/json5"
)

// Parse decodes and validates a definition. It accepts standard JSON and,
// for test data, JSON with comments and trailing commas. A syntax error is
// returned wrapped; an invalid definition as *ValidationError listing every
// problem. Parse is safe for concurrent use.
func Parse(data []byte) (*StateMachine, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, fmt.Errorf("parsing definition: %w", err)
	}
	return ParseValue(v)
}

// decodeJSON decodes JSON, JSON with comments and trailing commas, or JSON5
// (unquoted keys) into the generic form.
func decodeJSON(data []byte) (any, error) {
	var v any
	std, err := hujson.Standardize(data)
	if err == nil {
		err = json.Unmarshal(std, &v)
		return v, err
	}
	if err5 := json5.Unmarshal(data, &v); err5 == nil {
		return v, nil
	}
	return nil, err
}

// ParseValue builds and validates a machine from a decoded JSON value (the
// encoding/json generic form).
func ParseValue(v any) (*StateMachine, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, &ValidationError{Problems: []Problem{{Code: CodeInvalidJSON, Message: "definition must be a JSON object"}}}
	}
	d := &decoder{}
	m := d.machine(obj, "", JSONPath, true)
	if err := Validate(m); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			d.problems.list = append(d.problems.list, ve.Problems...)
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return m, nil
}

// decoder turns generic JSON into the model, collecting problems.
type decoder struct {
	problems
	topJSONata bool // the top-level machine declares JSONata: no state may downgrade
}

var topFields = []string{"Comment", "StartAt", "States", "QueryLanguage", "TimeoutSeconds", "Version"}
var processorFields = []string{"Comment", "StartAt", "States", "QueryLanguage", "ProcessorConfig"}

func (d *decoder) machine(obj map[string]any, ptr string, inherited QueryLanguage, top bool) *StateMachine {
	allowed := processorFields
	if top {
		allowed = topFields
	}
	for _, k := range sortedKeys(obj) {
		if !contains(allowed, k) {
			d.add(ptr+"/"+pointerEscape(k), CodeSchema, "field %q is not supported here", k)
		}
	}
	m := &StateMachine{Pointer: ptr, States: map[string]*State{}}
	m.Comment = d.str(obj, "Comment", ptr)
	m.StartAt = d.str(obj, "StartAt", ptr)
	if _, ok := obj["StartAt"]; !ok {
		d.add(ptr+"/StartAt", CodeSchema, "StartAt is required")
	}
	m.QueryLanguage = d.language(obj, ptr, inherited)
	m.Version = d.str(obj, "Version", ptr)
	if n, ok := d.integer(obj, "TimeoutSeconds", ptr); ok {
		m.TimeoutSeconds = n
	}
	d.processorConfig(m, obj, ptr)
	d.states(m, obj, ptr)
	return m
}

func (d *decoder) processorConfig(m *StateMachine, obj map[string]any, ptr string) {
	raw, ok := obj["ProcessorConfig"]
	if !ok {
		return
	}
	cfg, ok := raw.(map[string]any)
	if !ok {
		d.add(ptr+"/ProcessorConfig", CodeSchema, "ProcessorConfig must be an object")
		return
	}
	m.ProcessorMode = d.str(cfg, "Mode", ptr+"/ProcessorConfig")
	m.ExecutionType = d.str(cfg, "ExecutionType", ptr+"/ProcessorConfig")
	if m.ProcessorMode != "" && m.ProcessorMode != "INLINE" && m.ProcessorMode != "DISTRIBUTED" {
		d.add(ptr+"/ProcessorConfig/Mode", CodeSchema, "Mode must be INLINE or DISTRIBUTED, got %q", m.ProcessorMode)
	}
}

func (d *decoder) states(m *StateMachine, obj map[string]any, ptr string) {
	raw, ok := obj["States"]
	if !ok {
		d.add(ptr+"/States", CodeSchema, "States is required")
		return
	}
	states, ok := raw.(map[string]any)
	if !ok {
		d.add(ptr+"/States", CodeSchema, "States must be an object")
		return
	}
	if len(states) == 0 {
		d.add(ptr+"/States", CodeSchema, "States must not be empty")
	}
	for _, name := range sortedKeys(states) {
		sptr := ptr + "/States/" + pointerEscape(name)
		sobj, ok := states[name].(map[string]any)
		if !ok {
			d.add(sptr, CodeSchema, "state must be an object")
			continue
		}
		if len(name) > 80 {
			d.add(sptr, CodeSchema, "state name longer than 80 characters")
		}
		m.States[name] = d.state(name, sobj, sptr, m.QueryLanguage)
		m.Order = append(m.Order, name)
	}
}

func (d *decoder) language(obj map[string]any, ptr string, inherited QueryLanguage) QueryLanguage {
	raw, ok := obj["QueryLanguage"]
	if !ok {
		return inherited
	}
	switch QueryLanguage(fmt.Sprint(raw)) {
	case JSONPath:
		if d.topJSONata {
			d.add(ptr+"/QueryLanguage", CodeSchema, "a JSONata state machine cannot have JSONPath states")
		}
		return JSONPath
	case JSONata:
		if ptr == "" {
			d.topJSONata = true
		}
		return JSONata
	}
	d.add(ptr+"/QueryLanguage", CodeSchema, "QueryLanguage must be JSONPath or JSONata, got %v", raw)
	return inherited
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
