package workflow

import (
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"join across forks", "version: 1.0\ntasks:\n  s:\n    next:\n      - do: a, x\n  a:\n    next:\n      - do: b, c\n  b:\n    next:\n      - do: j\n  c:\n    next:\n      - do: j\n  x:\n    next:\n      - do: j\n  j:\n    join: 2\n",
			"wf.yaml:18:3: task j joins the fork into b, c but is also reached from task x outside it"},
		{"shared task without join", "version: 1.0\ntasks:\n  a:\n    next:\n      - do: b, c\n  b:\n    next:\n      - do: x\n  c:\n    next:\n      - do: x\n  x:\n    action: core.noop\n",
			"wf.yaml:5:9: task x is reached from two branches of the fork into b, c without a join"},
		{"loop back across a fork", "version: 1.0\ntasks:\n  s:\n    next:\n      - do: a\n  a:\n    next:\n      - do: b, c\n  b:\n    next:\n      - when: <% failed() %>\n        do: a\n  c:\n    action: core.noop\n",
			"wf.yaml:8:9: the fork into b, c leads back to task a outside the fork (from task b)"},
		{"untranslatable expression", "version: 1.0\ntasks:\n  a:\n    action: core.echo message=<% regex_match(ctx(x), ctx(x)) %>\ninput: [x]\n",
			"write JSONata instead: {% $contains(value, /pattern/) %}"},
		{"unknown function", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: <% frobnicate(1) %>\n",
			"wf.yaml:6:19: translating expression: unsupported function frobnicate()"},
		{"jinja if block", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"{% if ctx().x %}yes{% endif %}\"\ninput: [x]\n",
			"wf.yaml:6:16: Jinja statement {% if %} is not supported ({% %} holds native JSONata) in \"{% if ctx().x %}\"; write JSONata instead: {% c ? x : y %} (or Jinja {{ x if c else y }}"},
		{"jinja endif", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"yes{% endif %}\"\n",
			"Jinja statement {% endif %} is not supported"},
		{"jinja for block", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"{% for m in ctx().x %}{{ m }}{% endfor %}\"\ninput: [x]\n",
			"wf.yaml:6:16: Jinja statement {% for %} is not supported"},
		{"jinja set", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"{%- set y = 1 -%}\"\n",
			"Jinja statement {% set %} is not supported"},
		{"invalid native JSONata", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"{% $x + %}\"\n",
			"wf.yaml:6:16: invalid JSONata expression: S0201: unexpected end of expression (at position 4) in \"{% $x + %}\""},
		{"coalescing operator", "version: 1.0\ntasks:\n  a:\n    action: core.echo\n    input:\n      message: \"{% $x ?? 'd' %}\"\n",
			"not supported by the local interpreter) in \"{% $x ?? 'd' %}\"; write JSONata instead: {% $exists(x) ? x : default %}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wf, err := ParseOrquesta("wf.yaml", []byte(tt.src))
			if err == nil { // parsing validates, so some problems show here
				_, err = Compile(wf, Options{})
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestCheckEmitted checks the last line of defence: a compiled machine
// holding an expression that is not JSONata is an error naming the state.
func TestCheckEmitted(t *testing.T) {
	states := newObject().
		set("ok", newObject().set("Output", "{% $x + 1 %}")).
		set("bad", newObject().set("Arguments", map[string]any{"p": []any{"{% $x + %}"}}))
	m := newObject().set("QueryLanguage", "JSONata").set("States", states)
	var c errs
	c.checkEmitted("wf.yaml", m)
	err := c.err()
	want := `wf.yaml: state "bad": the compiled expression is not valid JSONata (a compiler bug, please report it): S0201`
	if err == nil || !strings.Contains(err.Error(), want) || len(c.list) != 1 {
		t.Errorf("got %v, want one error containing %q", err, want)
	}
}
