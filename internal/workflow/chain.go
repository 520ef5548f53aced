package workflow

// Chain is an action-chain definition: actions run one after the other,
// each choosing its successor by success or failure.
type Chain struct {
	Nodes []*Node
	// Default names the first node; empty means the first in the list.
	Default    string
	DefaultPos Pos
	// Vars are the chain's variables, rendered before the first node.
	Vars []*Param
	Pos  Pos
}

// Node is one action of a chain.
type Node struct {
	Name string
	// Ref is the action to run.
	Ref string
	// Params are the action's parameters (params or parameters in YAML), a
	// map Value or nil.
	Params *Value
	// OnSuccess and OnFailure name the next node; empty Name ends the chain
	// (successfully after a success, with a failure after a failure).
	OnSuccess Target
	OnFailure Target
	// Publish adds variables after the node ran.
	Publish []*Param
	Notify  *Value
	Pos     Pos
}

// Node returns the node called name, or nil.
func (c *Chain) Node(name string) *Node {
	for _, n := range c.Nodes {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// Start returns the node the chain starts with, or nil for an empty chain
// or an unknown default.
func (c *Chain) Start() *Node {
	if c.Default != "" {
		return c.Node(c.Default)
	}
	if len(c.Nodes) == 0 {
		return nil
	}
	return c.Nodes[0]
}
