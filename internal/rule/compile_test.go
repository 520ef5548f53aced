package rule

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

func leafJSON(t *testing.T, c *Compiled) string {
	t.Helper()
	d, _ := c.EventPattern["detail"].(map[string]any)
	p, _ := d["payload"].(map[string]any)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCompileLeaves(t *testing.T) {
	stringSchema := map[string]any{"type": "object", "properties": map[string]any{
		"x": map[string]any{"type": "string"}, "o": map[string]any{"type": "object", "properties": map[string]any{"y": map[string]any{"type": "integer"}}},
	}}
	tests := []struct {
		name      string
		key       string
		op        string
		pattern   any
		schema    map[string]any
		wantLeaf  string
		wantExact bool
	}{
		{"equals string", "trigger.x", "equals", "st2", nil, `{"x":["st2"]}`, false},
		{"equals string, trusted schema", "trigger.x", "eq", "st2", stringSchema, `{"x":["st2"]}`, true},
		{"equals 1 also matches true", "trigger.o.y", "equals", 1, stringSchema, `{"o":{"y":[1,true]}}`, false},
		{"equals true on a string field", "trigger.x", "equals", true, stringSchema, `{"x":[true,1]}`, true},
		{"equals false also matches 0", "trigger.x", "equals", false, nil, `{"x":[false,0]}`, false},
		{"equals float is never exact", "trigger.x", "equals", 0.5, stringSchema, `{"x":[0.5]}`, false},
		{"equals beyond EventBridge precision", "trigger.x", "equals", 6e9, nil, `null`, false},
		{"equals null never matches", "trigger.x", "equals", nil, nil, `null`, false},
		{"equals list", "trigger.x", "equals", []any{"a"}, nil, `null`, false},
		{"inside list", "trigger.x", "inside", []any{"a", "b", 1}, stringSchema, `{"x":["a","b",1,true]}`, true},
		{"inside list on a number field", "trigger.o.y", "inside", []any{1, 2}, stringSchema, `{"o":{"y":[1,true,2]}}`, false},
		{"inside dict keys", "trigger.x", "in", map[string]any{"b": 1, "a": 2}, nil, `{"x":["a","b"]}`, false},
		{"inside string", "trigger.x", "inside", "abc", nil, `null`, false},
		{"startswith", "trigger.x", "startswith", "pre", stringSchema, `{"x":[{"prefix":"pre"}]}`, true},
		{"endswith", "trigger.x", "EndsWith", "post", stringSchema, `{"x":[{"suffix":"post"}]}`, true},
		{"startswith empty", "trigger.x", "startswith", "", nil, `null`, false},
		{"iequals", "trigger.x", "iequals", "ABC", stringSchema, `{"x":[{"equals-ignore-case":"abc"}]}`, false},
		{"iequals with k", "trigger.x", "iequals", "kelvin", nil, `null`, false},
		{"istartswith", "trigger.x", "istartswith", "Ab", nil, `{"x":[{"prefix":{"equals-ignore-case":"ab"}}]}`, false},
		{"matchwildcard star", "trigger.x", "matchwildcard", "a**b*", stringSchema, `{"x":[{"wildcard":"a*b*"}]}`, true},
		{"matchwildcard question widens", "trigger.x", "matchwildcard", "a?b", stringSchema, `{"x":[{"wildcard":"a*b"}]}`, false},
		{"matchwildcard set widens", "trigger.x", "matchwildcard", "[ab]c", nil, `{"x":[{"wildcard":"*c"}]}`, false},
		{"matchwildcard backslash", "trigger.x", "matchwildcard", `a\b`, stringSchema, `{"x":[{"wildcard":"a\\\\b"}]}`, true},
		{"regex without anchor stays residual", "trigger.x", "regex", "a", nil, `null`, false},
		{"anchored regex gives a prefix", "trigger.x", "regex", `^deploy\.prod-\d+`, stringSchema, `{"x":[{"prefix":"deploy.prod-"}]}`, false},
		{"matchregex is anchored", "trigger.x", "matchregex", "ab?c", nil, `{"x":[{"prefix":"a"}]}`, false},
		{"top-level alternation", "trigger.x", "regex", "^ab|cd", nil, `null`, false},
		{"grouped alternation", "trigger.x", "regex", "^ab(c|d)", nil, `{"x":[{"prefix":"ab"}]}`, false},
		{"quantified first character", "trigger.x", "regex", "^a*b", nil, `null`, false},
		{"multiline flag", "trigger.x", "regex", "(?m)^ab", nil, `null`, false},
		{"iregex stays residual", "trigger.x", "iregex", "^ab", nil, `null`, false},
		{"nequals stays residual", "trigger.x", "nequals", "a", nil, `null`, false},
		{"exists stays residual", "trigger.x", "exists", nil, nil, `null`, false},
		{"templated stays residual", "trigger.x", "equals", "{{ trigger.y }}", nil, `null`, false},
		{"index keys stay residual", "trigger.l[0]", "equals", "a", nil, `null`, false},
		{"other roots stay residual", "t1_p", "equals", "a", nil, `null`, false},
		{"dotted field names stay residual", "trigger.'a.b'", "equals", "a", nil, `null`, false},
		{"dollar field names stay residual", "trigger.'$or'", "equals", "a", nil, `null`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := webhookRule("leaf", pack.Criterion{Key: tt.key, Type: tt.op, Pattern: tt.pattern})
			var opts []Option
			if tt.schema != nil {
				opts = append(opts, WithTrustedPayloadSchema(tt.schema))
			}
			c, err := Compile(r, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := leafJSON(t, c); got != tt.wantLeaf {
				t.Errorf("got leaf %s, want %s", got, tt.wantLeaf)
			}
			if c.Exact != tt.wantExact {
				t.Errorf("got exact %v, want %v", c.Exact, tt.wantExact)
			}
		})
	}
}

func TestCompileTrigger(t *testing.T) {
	tests := []struct {
		name string
		rule *pack.Rule
		want string
	}{
		{"webhook url", webhookRule("w"), `{"detail":{"trigger":{"parameters":{"url":["sample"]}}},"detail-type":["core.st2.webhook"],"source":["stormless.core"]}`},
		{"timer without parameters", &pack.Rule{Ref: "p.t", Trigger: pack.RuleTrigger{Type: "core.st2.CronTimer"}}, `{"detail-type":["core.st2.CronTimer"],"source":["stormless.core"]}`},
		{"list parameters are left out", &pack.Rule{Ref: "p.t", Trigger: pack.RuleTrigger{Type: "x.y", Parameters: map[string]any{"l": []any{1}, "n": 2}}}, `{"detail":{"trigger":{"parameters":{"n":[2]}}},"detail-type":["x.y"],"source":["stormless.x"]}`},
		{"aws events: criteria over the whole event", &pack.Rule{Ref: "p.a", Trigger: pack.RuleTrigger{Type: AWSEventsTrigger},
			Criteria: []pack.Criterion{{Key: "trigger.detail.state", Type: "equals", Pattern: "stopped"}, {Key: "trigger.source", Type: "equals", Pattern: "aws.ec2"}}},
			`{"detail":{"state":["stopped"]},"source":[{"prefix":"aws."}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compile(tt.rule)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.PatternJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCompileConflictsAndSuffixes(t *testing.T) {
	r := webhookRule("c",
		pack.Criterion{Key: "trigger.body.x", Type: "startswith", Pattern: "a"},
		pack.Criterion{Key: "trigger.body.x#2", Type: "endswith", Pattern: "z"},
		pack.Criterion{Key: "trigger.body.x.y", Type: "equals", Pattern: "q"},
	)
	c, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := leafJSON(t, c), `{"body":{"x":[{"prefix":"a"}]}}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := fmt.Sprint(c.InPattern); got != "[true false false]" {
		t.Errorf("got in-pattern %s, want [true false false]", got)
	}
	if len(c.Residual) != 3 {
		t.Errorf("got %d residual criteria, want 3", len(c.Residual))
	}
}

func TestCompileSizeFallback(t *testing.T) {
	var cs []pack.Criterion
	for i := range 40 {
		cs = append(cs, pack.Criterion{Key: fmt.Sprintf("trigger.body.field_%02d", i), Type: "equals", Pattern: strings.Repeat("v", 40+i)})
	}
	c, err := Compile(webhookRule("big", cs...))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.PatternJSON()
	if len(b) > DefaultMaxPatternSize {
		t.Fatalf("got a pattern of %d characters, want at most %d", len(b), DefaultMaxPatternSize)
	}
	kept := 0
	for _, in := range c.InPattern {
		if in {
			kept++
		}
	}
	if kept == 0 || kept == len(cs) {
		t.Errorf("got %d of %d criteria in the pattern, want some but not all", kept, len(cs))
	}
	if !c.InPattern[0] || c.InPattern[len(cs)-1] {
		t.Errorf("got in-pattern %v, want the largest criteria dropped first", c.InPattern)
	}
	if _, err := Compile(&pack.Rule{Ref: "p.r", Trigger: pack.RuleTrigger{Type: strings.Repeat("t", 3000)}}); err == nil {
		t.Error("got no error for a trigger type over the size limit")
	}
}

func TestCompileErrors(t *testing.T) {
	pos := pack.Pos{File: "rules/r.yaml", Line: 7}
	tests := []struct {
		name    string
		c       pack.Criterion
		wantErr error
		mention string
	}{
		{"unknown operator", pack.Criterion{Key: "trigger.x", Type: "weird", Pos: pos}, ErrUnknownOperator, "rules/r.yaml:7"},
		{"lookahead", pack.Criterion{Key: "trigger.x", Type: "regex", Pattern: "a(?=b)", Pos: pos}, nil, "lookahead"},
		{"bad key", pack.Criterion{Key: "trigger..x", Type: "equals", Pattern: "a", Pos: pos}, nil, "recursive descent"},
		{"search condition", pack.Criterion{Key: "trigger.x", Type: "search", Condition: "some", Pattern: map[string]any{}, Pos: pos}, nil, "condition"},
		{"search child operator", pack.Criterion{Key: "trigger.x", Type: "search", Condition: "any", Pattern: map[string]any{"item.a": map[string]any{"type": "nope"}}, Pos: pos}, ErrUnknownOperator, "item.a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(webhookRule("e", tt.c))
			var ce *CriterionError
			if !errors.As(err, &ce) || ce.Key != tt.c.Key {
				t.Fatalf("got %v, want a *CriterionError for %q", err, tt.c.Key)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want it to wrap %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("got %q, want it to mention %q", err, tt.mention)
			}
		})
	}
}

func TestTestExplains(t *testing.T) {
	r := webhookRule("explain",
		pack.Criterion{Key: "trigger.body.name", Type: "equals", Pattern: "st2"},
		pack.Criterion{Key: "trigger.body.msg", Type: "regex", Pattern: "^hi"},
	)
	c, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		instance    string
		wantMatch   bool
		wantDecided []string
	}{
		{"match", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "st2", "msg": "hi there"}}}`, true, []string{"residual", "residual"}},
		{"pattern rejects", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "x", "msg": "hi"}}}`, false, []string{"pattern", "residual"}},
		{"residual rejects a list", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": ["st2"], "msg": "hi"}}}`, false, []string{"residual", "residual"}},
		{"wrong trigger type", `{"trigger": "core.st2.IntervalTimer", "payload": {"body": {"name": "st2", "msg": "hi"}}}`, false, []string{"residual", "residual"}},
		{"full event, other webhook", `{"source": "stormless.core", "detail-type": "core.st2.webhook", "detail": {"trigger": {"type": "core.st2.webhook", "parameters": {"url": "other"}}, "payload": {"body": {"name": "st2", "msg": "hi"}}}}`, false, []string{"residual", "residual"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event, err := EventFromInstance([]byte(tt.instance), c)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Test(t.Context(), c, event)
			if err != nil {
				t.Fatal(err)
			}
			if res.Match != tt.wantMatch {
				t.Errorf("got match %v, want %v (%+v)", res.Match, tt.wantMatch, res)
			}
			for i, want := range tt.wantDecided {
				if got := res.Criteria[i].DecidedBy; got != want {
					t.Errorf("criterion %s: got decided by %s, want %s", res.Criteria[i].Key, got, want)
				}
			}
		})
	}
	if _, err := EventFromInstance([]byte(`{"foo": 1}`), c); !errors.Is(err, ErrNotTriggerInstance) {
		t.Errorf("got %v, want ErrNotTriggerInstance", err)
	}
}

func TestCompileWarnings(t *testing.T) {
	c, err := Compile(webhookRule("w", pack.Criterion{Key: "t1_p", Type: "equals", Pattern: "v"}, pack.Criterion{Key: "trigger.x", Type: "exists"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "trigger.t1_p") {
		t.Errorf("got warnings %q, want one suggesting trigger.t1_p", c.Warnings)
	}
}

func TestCompileSearchAny(t *testing.T) {
	children := map[string]any{
		"item.field_name": map[string]any{"type": "equals", "pattern": "Status"},
		"item.to_value":   map[string]any{"type": "iequals", "pattern": "approved"},
		"item.note":       map[string]any{"type": "regex", "pattern": "^ok"},
	}
	tests := []struct {
		cond, want string
	}{
		{"any", `{"body":{"fields":{"field_name":["Status"],"note":[{"prefix":"ok"}],"to_value":[{"equals-ignore-case":"approved"}]}}}`},
		{"all", `null`},
		{"any2any", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			c, err := Compile(webhookRule("s", pack.Criterion{Key: "trigger.body.fields", Type: "search", Condition: tt.cond, Pattern: children}))
			if err != nil {
				t.Fatal(err)
			}
			if got := leafJSON(t, c); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if len(c.Residual) != 1 {
				t.Errorf("got %d residual criteria, want the search in it", len(c.Residual))
			}
		})
	}
}

// TestResidualRoundTrip reads the residual back from the compile output,
// as an enforcement step that only has the JSON would.
func TestResidualRoundTrip(t *testing.T) {
	r := webhookRule("rt",
		pack.Criterion{Key: "trigger.body.name", Type: "equals", Pattern: "st2"},
		pack.Criterion{Key: "trigger.body.n#1", Type: "gt", Pattern: 2},
		pack.Criterion{Key: "trigger.body.items", Type: "search", Condition: "all", Pattern: map[string]any{"item.ok": map[string]any{"type": "equals", "pattern": true}}},
	)
	c, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Residual map[string]any `json:"residual"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	back, err := ParseCriteria(out.Residual)
	if err != nil {
		t.Fatal(err)
	}
	for _, payload := range []map[string]any{
		{"body": map[string]any{"name": "st2", "n": 3, "items": []any{map[string]any{"ok": true}}}},
		{"body": map[string]any{"name": "st2", "n": 2, "items": []any{}}},
		{"body": map[string]any{"name": "st2", "n": 3, "items": []any{map[string]any{"ok": 1}, map[string]any{"ok": false}}}},
	} {
		want, _ := c.CheckResidual(t.Context(), payload)
		got, _ := Evaluate(t.Context(), back, payload)
		if got.Match != want.Match {
			t.Errorf("payload %v: got %v from the JSON residual, want %v", payload, got.Match, want.Match)
		}
	}
}

func TestAWSEvents(t *testing.T) {
	r := &pack.Rule{Ref: "ops.on_stop", Trigger: pack.RuleTrigger{Type: AWSEventsTrigger}, Criteria: []pack.Criterion{
		{Key: "trigger.detail.state", Type: "equals", Pattern: "stopped"},
		{Key: "trigger.detail-type", Type: "startswith", Pattern: "EC2"},
	}}
	c, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	event := `{"version": "0", "source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {"instance-id": "i-1", "state": "stopped"}}`
	tests := []struct {
		name, instance string
		want           bool
	}{
		{"full event", event, true},
		{"st2 form", `{"trigger": "aws.events", "payload": ` + event + `}`, true},
		{"running", strings.Replace(event, `"stopped"`, `"running"`, 1), false},
		{"not from AWS", strings.Replace(event, `"aws.ec2"`, `"stormless.core"`, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := EventFromInstance([]byte(tt.instance), c)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Match(t.Context(), ev)
			if err != nil || got != tt.want {
				t.Errorf("got %v (err %v), want %v", got, err, tt.want)
			}
		})
	}
}
