package interp

import (
	"fmt"

	"github.com/stormless/stormless/internal/asl"
)

// program is a compiled state machine (top level, branch or item
// processor): every path, template and expression compiled once at load.
type program struct {
	def   *asl.StateMachine
	start *node
	nodes map[string]*node
}

func compileProgram(def *asl.StateMachine) (*program, error) {
	p := &program{def: def, nodes: make(map[string]*node, len(def.States))}
	for _, name := range def.Order {
		n, err := compileNode(def.States[name])
		if err != nil {
			return nil, err
		}
		p.nodes[name] = n
	}
	for _, n := range p.nodes {
		if err := p.link(n); err != nil {
			return nil, err
		}
	}
	p.start = p.nodes[def.StartAt]
	if p.start == nil {
		return nil, fmt.Errorf("compiling machine: StartAt %q names no state", def.StartAt)
	}
	return p, nil
}

// link resolves transition names to nodes.
func (p *program) link(n *node) error {
	n.next = p.nodes[n.st.Next]
	n.deflt = p.nodes[n.st.Default]
	for i := range n.choices {
		n.choices[i].next = p.nodes[n.choices[i].rule.Next]
	}
	for i := range n.catch {
		n.catch[i].next = p.nodes[n.catch[i].c.Next]
		if n.catch[i].next == nil {
			return fmt.Errorf("compiling state %s: Catch Next %q names no state", n.st.Name, n.catch[i].c.Next)
		}
	}
	return nil
}
