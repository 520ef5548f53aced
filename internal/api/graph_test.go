package api_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/workflow"
)

func TestActionGraph(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name     string
		ref      string
		file     string
		language string
		nodes    []string
		edges    []string // from>to|label
	}{
		{name: "orquesta", ref: "examples.check_url", file: "../../packs/examples/actions/workflows/check_url.yaml",
			language: "orquesta",
			nodes:    []string{"start", "fetch", "compare", "report_up", "report_down", "cmd:fail"},
			edges: []string{"start>fetch|", "fetch>compare|succeeded()", "fetch>report_down|failed()",
				"compare>report_up|ctx().status = ctx().expected_status",
				"compare>report_down|ctx().status != ctx().expected_status", "report_down>cmd:fail|"}},
		{name: "action-chain", ref: "examples.hello_chain", file: "../../packs/examples/actions/chains/hello_chain.yaml",
			language: "action-chain",
			nodes:    []string{"start", "greet", "announce", "complain"},
			edges:    []string{"start>greet|", "greet>announce|success", "greet>complain|failure"}},
		{name: "inquiry", ref: "apitest.approve", file: "testdata/packs/apitest/actions/workflows/approve.yaml",
			language: "orquesta", nodes: []string{"start", "ask", "greet"},
			edges: []string{"start>ask|", "ask>greet|succeeded()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g api.Graph
			s.getJSON(t, "/api/v1/actions/"+tt.ref+"/graph", &g)
			if g.Action != tt.ref || g.Language != tt.language {
				t.Errorf("got action %q language %q, want %q %q", g.Action, g.Language, tt.ref, tt.language)
			}
			var nodes, edges []string
			for _, n := range g.Nodes {
				nodes = append(nodes, n.ID)
			}
			for _, e := range g.Edges {
				edges = append(edges, e.From+">"+e.To+"|"+e.Label)
			}
			if !slices.Equal(nodes, tt.nodes) {
				t.Errorf("nodes: got %q, want %q", nodes, tt.nodes)
			}
			if !slices.Equal(edges, tt.edges) {
				t.Errorf("edges: got %q, want %q", edges, tt.edges)
			}
			if want := mermaidOf(t, tt.file); g.Mermaid != want {
				t.Errorf("mermaid: got\n%s\nwant (stormless workflow graph)\n%s", g.Mermaid, want)
			}
			// Every Mermaid edge line is one edge of the graph.
			if n := strings.Count(g.Mermaid, "-->"); n != len(g.Edges) {
				t.Errorf("mermaid has %d edges, the graph %d", n, len(g.Edges))
			}
		})
	}
}

// mermaidOf is what `stormless workflow graph` prints for file.
func mermaidOf(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	def, err := workflow.Parse(file, data)
	if err != nil {
		t.Fatalf("parsing %s: %v", file, err)
	}
	if def.Chain != nil {
		return def.Chain.Mermaid()
	}
	return def.Orquesta.Mermaid()
}

func TestActionGraphErrors(t *testing.T) {
	s := newServer(t)
	for _, tt := range []struct{ name, path, want string }{
		{"unknown action", "/api/v1/actions/nope.nope/graph", "action nope.nope not found"},
		{"not a workflow", "/api/v1/actions/core.noop/graph", "not a workflow (runner noop)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodGet, tt.path, nil)
			if code != http.StatusNotFound || !strings.Contains(string(body), tt.want) {
				t.Errorf("got %d %s, want 404 with %q", code, body, tt.want)
			}
		})
	}
}

func TestRuleTestEndpoint(t *testing.T) {
	s := newServer(t)
	type verdict struct {
		Rule         string `json:"rule"`
		TriggerType  string `json:"trigger_type"`
		Match        bool   `json:"match"`
		PatternMatch bool   `json:"pattern_match"`
		TriggerMatch bool   `json:"trigger_match"`
		Criteria     []struct {
			Key       string `json:"key"`
			Type      string `json:"type"`
			Found     bool   `json:"found"`
			Match     bool   `json:"match"`
			DecidedBy string `json:"decided_by"`
		} `json:"criteria"`
		Event json.RawMessage `json:"event"`
	}
	tests := []struct {
		name                 string
		body                 string
		match, found, trigok bool
	}{
		{"matches", `{"trigger":"core.st2.webhook","payload":{"headers":{},"body":{"name":"Ada"}}}`, true, true, true},
		{"no name", `{"trigger":"core.st2.webhook","payload":{"headers":{},"body":{"other":1}}}`, false, false, true},
		{"other trigger", `{"trigger":"core.st2.IntervalTimer","payload":{"body":{"name":"Ada"}}}`, false, true, false},
		{"eventbridge event", `{"source":"stormless.core","detail-type":"core.st2.webhook","detail":{"trigger":{"type":"core.st2.webhook","parameters":{"url":"sample"}},"payload":{"body":{"name":"Ada"}}}}`, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodPost, "/api/v1/rules/examples.greet_on_webhook/test", tt.body)
			if code != http.StatusOK {
				t.Fatalf("got %d %s, want 200", code, body)
			}
			var v verdict
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatal(err)
			}
			if v.Rule != "examples.greet_on_webhook" || v.TriggerType != "core.st2.webhook" || len(v.Event) == 0 {
				t.Errorf("got rule %q trigger %q event %s", v.Rule, v.TriggerType, v.Event)
			}
			if v.Match != tt.match || v.TriggerMatch != tt.trigok {
				t.Errorf("got match %v trigger_match %v, want %v %v (%s)", v.Match, v.TriggerMatch, tt.match, tt.trigok, body)
			}
			if len(v.Criteria) != 1 || v.Criteria[0].Key != "trigger.body.name" || v.Criteria[0].Type != "exists" ||
				v.Criteria[0].Found != tt.found || v.Criteria[0].DecidedBy == "" {
				t.Errorf("got criteria %+v, want trigger.body.name exists found=%v with decided_by", v.Criteria, tt.found)
			}
		})
	}
	// Testing records nothing.
	var tis []json.RawMessage
	s.getJSON(t, "/api/v1/triggerinstances", &tis)
	if len(tis) != 0 {
		t.Errorf("got %d trigger instances after testing, want 0", len(tis))
	}
}

func TestRuleTestEndpointErrors(t *testing.T) {
	s := newServer(t)
	for _, tt := range []struct {
		name, path, body string
		code             int
		want             string
	}{
		{"unknown rule", "/api/v1/rules/nope.nope/test", `{}`, 404, "rule nope.nope not found"},
		{"malformed", "/api/v1/rules/examples.greet_on_webhook/test", `{"trigger":`, 400, "malformed JSON"},
		{"not an instance", "/api/v1/rules/examples.greet_on_webhook/test", `{"x":1}`, 400, "neither an EventBridge event"},
		{"array", "/api/v1/rules/examples.greet_on_webhook/test", `[1]`, 400, "trigger instance"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodPost, tt.path, tt.body)
			if code != tt.code || !strings.Contains(string(body), tt.want) {
				t.Errorf("got %d %s, want %d with %q", code, body, tt.code, tt.want)
			}
		})
	}
}

// FuzzRuleTestEndpoint: whatever the body, POST /api/v1/rules/{ref}/test
// answers 200 or 400, never a server error.
func FuzzRuleTestEndpoint(f *testing.F) {
	for _, seed := range []string{
		`{"trigger":"core.st2.webhook","payload":{"body":{"name":"Ada"}}}`,
		`{"source":"stormless.core","detail-type":"core.st2.webhook","detail":{"payload":{"body":{"name":1}}}}`,
		`{"trigger":"x","payload":null}`, `[]`, `"s"`, `{"detail":[]}`, `{`, ``,
	} {
		f.Add(seed)
	}
	s := newServer(f)
	f.Fuzz(func(t *testing.T, body string) {
		code, out, _ := s.do(t, http.MethodPost, "/api/v1/rules/examples.greet_on_webhook/test", body)
		if code != http.StatusOK && code != http.StatusBadRequest {
			t.Errorf("body %q: got %d %s, want 200 or 400", body, code, out)
		}
	})
}
