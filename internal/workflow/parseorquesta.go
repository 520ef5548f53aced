package workflow

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// ParseOrquesta parses and validates an Orquesta workflow read from file.
// It returns the workflow as far as it could be read, and an ErrorList of
// every problem found (nil when there is none); the workflow is nil only
// when the YAML itself is unreadable.
func ParseOrquesta(file string, data []byte) (*Workflow, error) {
	p := &orquestaParser{nodes: nodes{file: file}}
	root := p.parseYAML(data)
	if root == nil {
		return nil, p.err()
	}
	wf := p.workflow(root)
	p.list = append(p.list, Validate(wf)...)
	return wf, p.err()
}

// orquestaParser turns YAML nodes into a Workflow.
type orquestaParser struct{ nodes }

func (p *orquestaParser) workflow(root *yaml.Node) *Workflow {
	wf := &Workflow{Pos: p.pos(root)}
	seenTasks := false
	p.fields(root, "a workflow", func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			wf.Version = p.str(v, "version")
		case "description":
			wf.Description = p.str(v, "description")
		case "input":
			wf.Input = p.params(v, "input", true)
		case "vars":
			wf.Vars = p.params(v, "vars", false)
		case "output":
			wf.Output = p.params(v, "output", false)
		case "tasks":
			seenTasks = true
			wf.Tasks = p.tasks(v)
		default:
			p.add(p.pos(k), "unknown workflow attribute %q", key)
		}
	})
	if wf.Version == "" {
		p.add(wf.Pos, "missing version")
	}
	if !seenTasks {
		p.add(wf.Pos, "missing tasks")
	}
	return wf
}

func (p *orquestaParser) tasks(n *yaml.Node) []*Task {
	var tasks []*Task
	p.fields(n, "tasks", func(name string, k, v *yaml.Node) {
		t := &Task{Name: name, Pos: p.pos(k)}
		p.task(t, v)
		tasks = append(tasks, t)
	})
	return tasks
}

func (p *orquestaParser) task(t *Task, n *yaml.Node) {
	if resolve(n).Tag == "!!null" {
		return
	}
	var inline []inlineParam
	var actionPos Pos
	p.fields(n, "task "+t.Name, func(key string, k, v *yaml.Node) {
		switch key {
		case "action":
			actionPos = p.pos(v)
			inline = p.action(t, v)
		case "input":
			t.Input = p.value(v)
			if !t.Input.IsMap() && t.Input.Scalar != nil {
				p.add(t.Input.Pos, "input of task %s must be a mapping", t.Name)
			}
		case "next":
			t.Next = p.next(v)
		case "join":
			t.Join = p.join(v)
		case "with":
			t.With = p.with(v)
		case "retry":
			t.Retry = p.retry(v)
		case "delay":
			t.Delay = p.value(v)
		default:
			p.add(p.pos(k), "unknown attribute %q of task %s", key, t.Name)
		}
	})
	mergeInline(t, inline, actionPos)
}

// action reads "ref k=v ..." and returns the inline parameters.
func (p *orquestaParser) action(t *Task, v *yaml.Node) []inlineParam {
	s := p.str(v, "action")
	ref, rest := splitAction(s)
	t.Action = ref
	if rest == "" {
		return nil
	}
	params, err := parseInline(rest)
	if err != nil {
		p.addErr(&Error{Pos: p.pos(v), Msg: "parsing inline parameters of task " + t.Name + ": " + err.Error(), Err: err})
	}
	return params
}

// mergeInline adds inline parameters to the task's input map; explicit
// input wins.
func mergeInline(t *Task, inline []inlineParam, at Pos) {
	if len(inline) == 0 {
		return
	}
	if t.Input == nil || !t.Input.IsMap() {
		t.Input = &Value{Pos: at, kind: mapValue}
	}
	for _, ip := range inline {
		if !containsKey(t.Input.Keys, ip.key) {
			t.Input.Keys = append(t.Input.Keys, ip.key)
			t.Input.Map = append(t.Input.Map, &Value{Pos: at, Scalar: ip.value})
		}
	}
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func (p *orquestaParser) next(n *yaml.Node) []*Transition {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.add(p.pos(n), "next must be a list")
		return nil
	}
	var out []*Transition
	for _, item := range n.Content {
		tr := &Transition{Pos: p.pos(item)}
		p.fields(item, "a next entry", func(key string, k, v *yaml.Node) {
			switch key {
			case "when":
				tr.When = p.value(v)
			case "publish":
				tr.Publish = p.publish(v)
			case "do":
				tr.Do = p.do(v)
			default:
				p.add(p.pos(k), "unknown attribute %q of a next entry", key)
			}
		})
		out = append(out, tr)
	}
	return out
}

// publish reads a list of single-key maps, a mapping, or an inline string.
func (p *orquestaParser) publish(n *yaml.Node) []*Param {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		return p.params(n, "publish", false)
	}
	params, err := parseInline(n.Value)
	if err != nil {
		p.addErr(&Error{Pos: p.pos(n), Msg: "parsing publish: " + err.Error(), Err: err})
	}
	out := make([]*Param, len(params))
	for i, ip := range params {
		out[i] = &Param{Name: ip.key, Value: &Value{Pos: p.pos(n), Scalar: ip.value}, HasDefault: true, Pos: p.pos(n)}
	}
	return out
}

// do reads a task name, a comma-separated list, or a list of names.
func (p *orquestaParser) do(n *yaml.Node) []Target {
	n = resolve(n)
	var out []Target
	add := func(s string, at *yaml.Node) {
		for _, name := range strings.Split(s, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, Target{Name: name, Pos: p.pos(at)})
			}
		}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		add(n.Value, n)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			add(p.str(c, "a do entry"), c)
		}
	default:
		p.add(p.pos(n), "do must be a task name or a list of them")
	}
	return out
}
