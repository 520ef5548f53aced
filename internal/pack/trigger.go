package pack

import (
	_ "embed"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/stormless/stormless/internal/schema"
)

var triggerTypeFields = []string{"name", "pack", "description", "parameters_schema", "payload_schema", "tags", "metadata_file"}

//go:embed triggers.yaml
var triggersYAML []byte

// builtinTriggerTypes parses the embedded trigger types once.
var builtinTriggerTypes = sync.OnceValues(func() (map[string]*TriggerType, error) {
	r := &report{}
	d, root := parseDoc("triggers.yaml", triggersYAML, r)
	out := map[string]*TriggerType{}
	if seq := deref(root); seq != nil && seq.Kind == yaml.SequenceNode {
		for _, n := range seq.Content {
			if t := d.triggerType(n, ""); t != nil {
				t.Builtin = true
				t.Pos = Pos{}
				out[t.Ref] = t
			}
		}
	}
	if err := r.errs.err(); err != nil {
		return nil, fmt.Errorf("loading built-in trigger types: %w", err)
	}
	return out, nil
})

// triggerType decodes a trigger type declared for pack (taken from the
// definition when pack is empty).
func (d *doc) triggerType(n *yaml.Node, pack string) *TriggerType {
	f, ok := d.mapping(n, "trigger type", triggerTypeFields, []string{"name"})
	if !ok {
		return nil
	}
	t := &TriggerType{
		Name:             d.optStr(f, "name"),
		Pack:             d.optStr(f, "pack"),
		Description:      d.optStr(f, "description"),
		ParametersSchema: d.object(f, "parameters_schema"),
		PayloadSchema:    d.object(f, "payload_schema"),
		Pos:              d.pos(n),
	}
	if pack != "" {
		t.Pack = pack
	}
	t.Ref = t.Pack + "." + t.Name
	d.compileTriggerSchemas(t, f)
	return t
}

func (d *doc) compileTriggerSchemas(t *TriggerType, f fields) {
	if t.ParametersSchema != nil {
		s, err := schema.Compile(t.ParametersSchema)
		if err != nil {
			d.errorf(f.get("parameters_schema"), "trigger type %s: invalid JSON Schema in parameters_schema: %v", t.Ref, err)
		}
		t.params = s
	}
	if t.PayloadSchema != nil {
		if _, err := schema.Compile(t.PayloadSchema); err != nil {
			d.errorf(f.get("payload_schema"), "trigger type %s: invalid JSON Schema in payload_schema: %v", t.Ref, err)
		}
	}
}

// ValidateParameters checks trigger parameters (a rule's trigger.parameters)
// against the type's parameters_schema; a type without one accepts any.
func (t *TriggerType) ValidateParameters(params map[string]any) error {
	if err := t.validateParameters(params); err != nil {
		return fmt.Errorf("validating parameters of trigger type %s: %w", t.Ref, err)
	}
	return nil
}

func (t *TriggerType) validateParameters(params map[string]any) error {
	if t.params == nil {
		return nil
	}
	if params == nil {
		params = map[string]any{}
	}
	return t.params.Validate(params)
}
