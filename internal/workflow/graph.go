package workflow

import (
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// Mermaid renders the workflow's task graph as a Mermaid flowchart: one
// node per task (with its action), an edge per transition target labelled
// with its condition, engine commands as terminal nodes. The output is
// deterministic.
func (w *Workflow) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	for _, t := range StartTasks(w) {
		fmt.Fprintf(&b, "  start((start)) --> %s\n", mermaidID(t.Name))
	}
	for _, t := range w.Tasks {
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", mermaidID(t.Name), mermaidText(taskLabel(t)))
		for _, tr := range t.Next {
			label := ""
			if tr.When != nil {
				label = "|\"" + mermaidText(conditionText(tr.When)) + "\"|"
			}
			for _, d := range tr.Do {
				fmt.Fprintf(&b, "  %s -->%s %s\n", mermaidID(t.Name), label, targetNode(d.Name))
			}
		}
	}
	return b.String()
}

// Mermaid renders the chain as a Mermaid flowchart with on-success and
// on-failure edges.
func (c *Chain) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	if s := c.Start(); s != nil {
		fmt.Fprintf(&b, "  start((start)) --> %s\n", mermaidID(s.Name))
	}
	for _, n := range c.Nodes {
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", mermaidID(n.Name), mermaidText(n.Name+"<br/>"+n.Ref))
		if n.OnSuccess.Name != "" {
			fmt.Fprintf(&b, "  %s -->|success| %s\n", mermaidID(n.Name), mermaidID(n.OnSuccess.Name))
		}
		if n.OnFailure.Name != "" {
			fmt.Fprintf(&b, "  %s -->|failure| %s\n", mermaidID(n.Name), mermaidID(n.OnFailure.Name))
		}
	}
	return b.String()
}

func taskLabel(t *Task) string {
	label := t.Name
	if t.Action != "" {
		label += "<br/>" + t.Action
	}
	if t.With != nil {
		label += "<br/>with items"
	}
	if t.Join != nil {
		label += "<br/>join"
	}
	return label
}

// targetNode is the node a transition goes to: a task, or a command's
// shared terminal node.
func targetNode(name string) string {
	if IsCommand(name) {
		return "cmd_" + name + "(((" + name + ")))"
	}
	return mermaidID(name)
}

// mermaidID makes a node id from a name: letters, digits and underscores,
// prefixed so that it never clashes with Mermaid keywords.
func mermaidID(name string) string {
	var b strings.Builder
	b.WriteString("t_")
	for _, r := range name {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}

// conditionText is a condition without its delimiters when it is one
// expression.
func conditionText(v *Value) string {
	s, ok := v.AsString()
	if !ok {
		return fmt.Sprint(v.Interface())
	}
	if segs, err := expr.ParseTemplate(s); err == nil && len(segs) == 1 && segs[0].Expr {
		return segs[0].Src
	}
	return s
}

// mermaidText escapes a label for a double-quoted Mermaid string, keeping
// the <br/> line breaks the labels use.
func mermaidText(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "<br/>", "\x00")
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;")
	return strings.ReplaceAll(r.Replace(s), "\x00", "<br/>")
}
