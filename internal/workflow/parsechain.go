package workflow

import "gopkg.in/yaml.v3"

// ParseChain parses and validates an action-chain read from file. Like
// ParseOrquesta it returns the chain as far as it could be read with an
// ErrorList of every problem (nil when none); the chain is nil only when
// the YAML is unreadable.
func ParseChain(file string, data []byte) (*Chain, error) {
	p := &chainParser{nodes: nodes{file: file}}
	root := p.parseYAML(data)
	if root == nil {
		return nil, p.err()
	}
	c := p.chain(root)
	p.list = append(p.list, ValidateChain(c)...)
	return c, p.err()
}

// chainParser turns YAML nodes into a Chain.
type chainParser struct{ nodes }

func (p *chainParser) chain(root *yaml.Node) *Chain {
	c := &Chain{Pos: p.pos(root)}
	p.fields(root, "an action-chain", func(key string, k, v *yaml.Node) {
		switch key {
		case "chain":
			c.Nodes = p.nodeList(v)
		case "default":
			c.Default, c.DefaultPos = p.str(v, "default"), p.pos(v)
		case "vars":
			c.Vars = p.params(v, "vars", false)
		default:
			p.add(p.pos(k), "unknown action-chain attribute %q", key)
		}
	})
	return c
}

func (p *chainParser) nodeList(n *yaml.Node) []*Node {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.add(p.pos(n), "chain must be a list")
		return nil
	}
	var out []*Node
	for _, item := range n.Content {
		out = append(out, p.node(item))
	}
	return out
}

func (p *chainParser) node(n *yaml.Node) *Node {
	node := &Node{Pos: p.pos(n)}
	p.fields(n, "a chain node", func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			node.Name = p.str(v, "name")
		case "ref":
			node.Ref = p.str(v, "ref")
		case "params", "parameters":
			node.Params = p.value(v)
		case "on-success":
			node.OnSuccess = Target{Name: p.str(v, "on-success"), Pos: p.pos(v)}
		case "on-failure":
			node.OnFailure = Target{Name: p.str(v, "on-failure"), Pos: p.pos(v)}
		case "publish":
			node.Publish = p.params(v, "publish", false)
		case "notify":
			node.Notify = p.value(v)
		default:
			p.add(p.pos(k), "unknown attribute %q of a chain node", key)
		}
	})
	return node
}
