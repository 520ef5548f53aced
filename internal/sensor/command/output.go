package command

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor"
)

// parseOutput splits stdout into JSON objects: one JSON array of objects,
// or one object per non-blank line. Each piece that is not an object is a
// problem.
func parseOutput(stdout []byte) (objs []map[string]any, problems []error) {
	trimmed := bytes.TrimSpace(stdout)
	if bytes.HasPrefix(trimmed, []byte("[")) {
		return parseArray(trimmed)
	}
	for i, line := range bytes.Split(stdout, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		o, err := decodeObject(line)
		if err != nil {
			problems = append(problems, fmt.Errorf("line %d: %w", i+1, err))
			continue
		}
		objs = append(objs, o)
	}
	return objs, problems
}

func parseArray(b []byte) (objs []map[string]any, problems []error) {
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, []error{fmt.Errorf("decoding JSON array: %w", err)}
	}
	for i, item := range items {
		o, err := decodeObject(item)
		if err != nil {
			problems = append(problems, fmt.Errorf("array item %d: %w", i, err))
			continue
		}
		objs = append(objs, o)
	}
	return objs, problems
}

func decodeObject(b []byte) (map[string]any, error) {
	var o map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&o); err != nil {
		return nil, fmt.Errorf("want a JSON object: %w", err)
	}
	if o == nil {
		return nil, fmt.Errorf("want a JSON object, got null")
	}
	if d.More() {
		return nil, fmt.Errorf("want one JSON object, got more")
	}
	return o, nil
}

// dispatch sends one object as a trigger instance.
func (c *Sensor) dispatch(ctx context.Context, out sensor.Output, o map[string]any) error {
	ref, payload, err := c.split(o)
	if err != nil {
		return err
	}
	return out.Dispatch(ctx, bus.Trigger{Type: ref, Parameters: map[string]any{}}, payload)
}

// split finds the trigger type and payload of an object.
func (c *Sensor) split(o map[string]any) (string, any, error) {
	if len(c.types) == 1 {
		return c.types[0], o, nil
	}
	name, _ := o["trigger"].(string)
	payload, ok := o["payload"]
	if name == "" || !ok {
		return "", nil, fmt.Errorf("want {\"trigger\": ..., \"payload\": ...} as the sensor declares %d trigger types", len(c.types))
	}
	for _, ref := range c.types {
		if ref == name || strings.TrimPrefix(ref, c.pack+".") == name {
			return ref, payload, nil
		}
	}
	return "", nil, fmt.Errorf("trigger %q is not one the sensor declares (%s)", name, strings.Join(c.types, ", "))
}
