package workflow

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// join reads "all" or a positive count.
func (p *orquestaParser) join(n *yaml.Node) *Join {
	n = resolve(n)
	j := &Join{Pos: p.pos(n)}
	if n.Kind == yaml.ScalarNode && n.Value == "all" {
		j.All = true
		return j
	}
	c, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || c < 1 {
		p.add(j.Pos, "join must be \"all\" or a positive count, not %q", n.Value)
		return nil
	}
	j.Count = c
	return j
}

// itemsWithNames matches "x, y in <expression>".
var itemsWithNames = regexp.MustCompile(`^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\s+(.+?)\s*$`)

// with reads "<% items %>", "x, y in <% zip(...) %>" or a mapping with
// items and concurrency.
func (p *orquestaParser) with(n *yaml.Node) *With {
	n = resolve(n)
	w := &With{Pos: p.pos(n)}
	if n.Kind == yaml.ScalarNode {
		p.items(w, n)
		return w
	}
	p.fields(n, "with", func(key string, k, v *yaml.Node) {
		switch key {
		case "items":
			p.items(w, v)
		case "concurrency":
			w.Concurrency = p.value(v)
		default:
			p.add(p.pos(k), "unknown attribute %q of with", key)
		}
	})
	if w.Items == nil {
		p.add(w.Pos, "with needs items")
	}
	return w
}

// items reads the items expression with optional names.
func (p *orquestaParser) items(w *With, n *yaml.Node) {
	w.Items = p.value(n)
	s, ok := w.Items.AsString()
	if !ok {
		return
	}
	if m := itemsWithNames.FindStringSubmatch(s); m != nil && !strings.HasPrefix(strings.TrimSpace(s), "<%") && !strings.HasPrefix(strings.TrimSpace(s), "{{") {
		for _, name := range strings.Split(m[1], ",") {
			w.ItemNames = append(w.ItemNames, strings.TrimSpace(name))
		}
		w.Items = &Value{Pos: w.Items.Pos, Scalar: m[2]}
	}
}

func (p *orquestaParser) retry(n *yaml.Node) *Retry {
	r := &Retry{Pos: p.pos(n)}
	p.fields(n, "retry", func(key string, k, v *yaml.Node) {
		switch key {
		case "when":
			r.When = p.value(v)
		case "count":
			r.Count = p.value(v)
		case "delay":
			r.Delay = p.value(v)
		default:
			p.add(p.pos(k), "unknown attribute %q of retry", key)
		}
	})
	if r.Count == nil {
		p.add(r.Pos, "retry needs a count")
	}
	return r
}
