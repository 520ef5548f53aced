package workflow

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Definition is a parsed workflow of either language: exactly one of
// Orquesta and Chain is set.
type Definition struct {
	Orquesta *Workflow
	Chain    *Chain
}

// Parse parses and validates a workflow of either language, telling them
// apart by the action-chain's top-level "chain" key. Errors are as for
// ParseOrquesta and ParseChain; the Definition is nil only when the YAML is
// unreadable.
func Parse(file string, data []byte) (*Definition, error) {
	if isChain(data) {
		c, err := ParseChain(file, data)
		if c == nil {
			return nil, err
		}
		return &Definition{Chain: c}, err
	}
	wf, err := ParseOrquesta(file, data)
	if wf == nil {
		return nil, err
	}
	return &Definition{Orquesta: wf}, err
}

// isChain reports whether data is a YAML mapping with a "chain" key.
func isChain(data []byte) bool {
	var top map[string]yaml.Node
	if yaml.NewDecoder(bytes.NewReader(data)).Decode(&top) != nil {
		return false
	}
	_, ok := top["chain"]
	return ok
}
