package api

import (
	"errors"
	"fmt"
	"net/http"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/workflow"
	"github.com/stormless/stormless/internal/workflow/expr"
)

// Graph is a workflow action's task graph, the one `stormless workflow
// graph` prints (Mermaid is that text), as nodes and edges a client can lay
// out: a "start" node, one "task" node per task or chain node, and one
// "command" node per engine command (fail, noop, ...) transitions go to.
type Graph struct {
	Action string `json:"action"`
	// Language is "orquesta" or "action-chain".
	Language string      `json:"language"`
	Nodes    []GraphNode `json:"nodes"`
	Edges    []GraphEdge `json:"edges"`
	Mermaid  string      `json:"mermaid"`
}

// GraphNode is one node of a Graph. ID is the task name for tasks, "start"
// for the start node and "cmd:" plus the command for commands.
type GraphNode struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Action string `json:"action,omitempty"`
	// WithItems and Join mark Orquesta tasks that run per item or wait for
	// inbound branches.
	WithItems bool `json:"with_items,omitempty"`
	Join      bool `json:"join,omitempty"`
}

// GraphEdge is one transition; Label is its condition (Orquesta) or
// "success"/"failure" (action-chain), empty when unconditional.
type GraphEdge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

// The kinds of GraphNode.
const (
	nodeStart   = "start"
	nodeTask    = "task"
	nodeCommand = "command"
)

// getActionGraph serves GET /api/v1/actions/{ref}/graph: 404 for an
// unknown action or one that is not a workflow.
func (h *Handler) getActionGraph(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	a, ok := h.engine.Packs().Action(ref)
	if !ok {
		writeFault(w, http.StatusNotFound, "action "+ref+" not found")
		return
	}
	if a.Workflow == nil {
		writeFault(w, http.StatusNotFound, fmt.Sprintf("action %s is not a workflow (runner %s): it has no task graph", ref, a.RunnerType))
		return
	}
	def, err := parseWorkflow(a.Workflow)
	if err != nil {
		writeError(w, errorf("reading the workflow of %s: %w", ref, err))
		return
	}
	writeJSON(w, http.StatusOK, graphOf(ref, def))
}

// parseWorkflow parses a workflow action's definition: its file when it is
// readable (keeping the file's task order), else the definition the pack
// loader kept. Problems the pack loader already reported are ignored as
// long as a definition comes out.
func parseWorkflow(wf *pack.Workflow) (*workflow.Definition, error) {
	data, err := os.ReadFile(wf.Path)
	if err != nil {
		if wf.Def == nil {
			return nil, fmt.Errorf("reading %s: %w", wf.Rel, err)
		}
		if data, err = yaml.Marshal(wf.Def); err != nil {
			return nil, fmt.Errorf("encoding %s: %w", wf.Rel, err)
		}
	}
	def, err := workflow.Parse(wf.Path, data)
	if def == nil {
		return nil, errors.Join(fmt.Errorf("parsing %s", wf.Rel), err)
	}
	return def, nil
}

// graphOf builds the graph of a parsed workflow.
func graphOf(ref string, def *workflow.Definition) Graph {
	if def.Chain != nil {
		return chainGraph(ref, def.Chain)
	}
	return orquestaGraph(ref, def.Orquesta)
}

// orquestaGraph mirrors Workflow.Mermaid: start edges to the start tasks,
// one node per task, one edge per transition target.
func orquestaGraph(ref string, wf *workflow.Workflow) Graph {
	g := Graph{Action: ref, Language: "orquesta", Mermaid: wf.Mermaid(),
		Nodes: []GraphNode{{ID: nodeStart, Kind: nodeStart, Label: "start"}}, Edges: []GraphEdge{}}
	for _, t := range workflow.StartTasks(wf) {
		g.Edges = append(g.Edges, GraphEdge{From: nodeStart, To: t.Name})
	}
	commands := map[string]bool{}
	for _, t := range wf.Tasks {
		g.Nodes = append(g.Nodes, GraphNode{ID: t.Name, Kind: nodeTask, Label: t.Name, Action: t.Action,
			WithItems: t.With != nil, Join: t.Join != nil})
		for _, tr := range t.Next {
			label := ""
			if tr.When != nil {
				label = conditionLabel(tr.When)
			}
			for _, d := range tr.Do {
				to := d.Name
				if workflow.IsCommand(d.Name) {
					to = "cmd:" + d.Name
					commands[d.Name] = true
				}
				g.Edges = append(g.Edges, GraphEdge{From: t.Name, To: to, Label: label})
			}
		}
	}
	for _, c := range []string{workflow.CmdContinue, workflow.CmdFail, workflow.CmdNoop, workflow.CmdRetry} {
		if commands[c] {
			g.Nodes = append(g.Nodes, GraphNode{ID: "cmd:" + c, Kind: nodeCommand, Label: c})
		}
	}
	return g
}

// chainGraph mirrors Chain.Mermaid: the start node, one node per chain
// node, on-success and on-failure edges.
func chainGraph(ref string, c *workflow.Chain) Graph {
	g := Graph{Action: ref, Language: "action-chain", Mermaid: c.Mermaid(),
		Nodes: []GraphNode{{ID: nodeStart, Kind: nodeStart, Label: "start"}}, Edges: []GraphEdge{}}
	if s := c.Start(); s != nil {
		g.Edges = append(g.Edges, GraphEdge{From: nodeStart, To: s.Name})
	}
	for _, n := range c.Nodes {
		g.Nodes = append(g.Nodes, GraphNode{ID: n.Name, Kind: nodeTask, Label: n.Name, Action: n.Ref})
		if n.OnSuccess.Name != "" {
			g.Edges = append(g.Edges, GraphEdge{From: n.Name, To: n.OnSuccess.Name, Label: "success"})
		}
		if n.OnFailure.Name != "" {
			g.Edges = append(g.Edges, GraphEdge{From: n.Name, To: n.OnFailure.Name, Label: "failure"})
		}
	}
	return g
}

// conditionLabel is a condition without its delimiters when it is one
// expression, as the Mermaid graph shows it.
func conditionLabel(v *workflow.Value) string {
	s, ok := v.AsString()
	if !ok {
		return fmt.Sprint(v.Interface())
	}
	if segs, err := expr.ParseTemplate(s); err == nil && len(segs) == 1 && segs[0].Expr {
		return segs[0].Src
	}
	return s
}
