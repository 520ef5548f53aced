package workflow

import (
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// nodes holds the file being parsed and the problems found so far.
type nodes struct {
	file string
	errs
}

// parseYAML parses data to its document's root node.
func (p *nodes) parseYAML(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.addErr(&Error{Pos: Pos{File: p.file, Line: yamlErrLine(err)}, Msg: "parsing YAML: " + err.Error(), Err: err})
		return nil
	}
	if len(doc.Content) == 0 {
		p.add(Pos{File: p.file}, "empty workflow definition")
		return nil
	}
	return doc.Content[0]
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrLine extracts the line number from a yaml.v3 error, 0 if none.
func yamlErrLine(err error) int {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func (p *nodes) pos(n *yaml.Node) Pos { return nodePos(p.file, n) }

// resolve follows an alias node.
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// fields calls f for each key of mapping n; what names n in errors.
func (p *nodes) fields(n *yaml.Node, what string, f func(key string, k, v *yaml.Node)) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.add(p.pos(n), "%s must be a mapping", what)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i].Value, n.Content[i], n.Content[i+1])
	}
}

// str returns a scalar's text, reporting anything else.
func (p *nodes) str(n *yaml.Node, what string) string {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		p.add(p.pos(n), "%s must be a string", what)
		return ""
	}
	return n.Value
}

func (p *nodes) value(n *yaml.Node) *Value { return newValue(p.file, n) }

// params parses Orquesta's list of names or single-key maps (input, vars,
// output, publish); a plain mapping is accepted too. Bare names are allowed
// only when names is set (input).
func (p *nodes) params(n *yaml.Node, what string, names bool) []*Param {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return p.mapParams(n, what)
	case yaml.SequenceNode:
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		fallthrough
	default:
		p.add(p.pos(n), "%s must be a list", what)
		return nil
	}
	var out []*Param
	for _, item := range n.Content {
		item = resolve(item)
		switch {
		case item.Kind == yaml.ScalarNode && names:
			out = append(out, &Param{Name: item.Value, Pos: p.pos(item)})
		case item.Kind == yaml.MappingNode && len(item.Content) == 2:
			out = append(out, p.mapParams(item, what)...)
		default:
			p.add(p.pos(item), "each %s entry must be a single-key mapping", what)
		}
	}
	return out
}

func (p *nodes) mapParams(n *yaml.Node, what string) []*Param {
	var out []*Param
	p.fields(n, what, func(key string, k, v *yaml.Node) {
		out = append(out, &Param{Name: key, Value: p.value(v), HasDefault: true, Pos: p.pos(k)})
	})
	return out
}
