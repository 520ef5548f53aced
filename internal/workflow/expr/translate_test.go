package expr

import (
	"errors"
	"testing"
)

// testScope is the scope the golden table translates in.
var testScope = &Scope{
	Vars:      []string{"cmd", "name", "count", "greeting", "members", "n", "items_list", "d", "st2"},
	CheckVars: true,
	Record:    "$states.input",
	Task:      "task1",
	Item:      "$states.input.value",
	ItemNames: []string{"x", "y"},
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		name    string
		dialect Dialect
		src     string
		want    string
	}{
		{"ctx bare name", YAQL, "ctx(cmd)", "$cmd"},
		{"ctx quoted", YAQL, `ctx("name")`, "$name"},
		{"ctx single quoted", Jinja, "ctx('name')", "$name"},
		{"ctx attr", YAQL, "ctx().name", "$name"},
		{"ctx index", Jinja, "ctx()['name']", "$name"},
		{"ctx reserved name", YAQL, "ctx().count", "$v_count"},
		{"yaql root path", YAQL, "$.name.first", "$name.first"},
		{"ctx object", YAQL, "ctx(st2).api_url", "$st2.api_url"},
		{"result path", YAQL, "result().stdout", "$states.input.result.stdout"},
		{"succeeded", YAQL, "succeeded()", "$states.input.status = 'succeeded'"},
		{"failed or", YAQL, "failed() or completed()", "$states.input.status = 'failed' or $states.input.status in ['succeeded', 'failed', 'expired', 'abandoned', 'canceled']"},
		{"not", YAQL, "not succeeded()", "$not($states.input.status = 'succeeded')"},
		{"yaql equality", YAQL, "ctx().n = 3", "$n = 3"},
		{"jinja equality", Jinja, "ctx().n == 'a'", "$n = 'a'"},
		{"and booleans", Jinja, "ctx().n > 1 and ctx().n < 5", "$n > 1 and $n < 5"},
		{"or values", Jinja, "ctx().name or 'anon'", "($sl_l := $name; $boolean($sl_l) ? $sl_l : 'anon')"},
		{"arith precedence", YAQL, "(ctx().n + 1) * 2", "($n + 1) * 2"},
		{"arith", YAQL, "ctx().n * 2 + 1", "$n * 2 + 1"},
		{"string concat", YAQL, "ctx().name + '!'", "$name & '!'"},
		{"tilde concat", Jinja, "ctx().name ~ 1", "$name & 1"},
		{"generic plus", YAQL, "ctx().n + ctx().d", "($sl_a := $n; $sl_b := $d; $type($sl_a) = 'number' ? $sl_a + $sl_b : $type($sl_a) = 'string' ? $sl_a & $sl_b : $append($sl_a, $sl_b))"},
		{"in list", YAQL, "ctx().n in [1, 2]", "$n in [1, 2]"},
		{"in string", Jinja, "'a' in 'abc'", "$contains('abc', 'a')"},
		{"not in", Jinja, "ctx().n not in [1]", "$not($n in [1])"},
		{"index number", YAQL, "ctx().members[0]", "$members[0]"},
		{"index string", Jinja, "ctx().d['my-key']", "$d.`my-key`"},
		{"dict literal", YAQL, "{'a' => 1}", ""},
		{"list literal", Jinja, "[1, 'two', none, true]", "[1, 'two', null, true]"},
		{"dict", Jinja, "{'a': 1, 'b': ctx().n}", "{'a': 1, 'b': $n}"},
		{"item", YAQL, "item()", "$states.input.value"},
		{"item zipped", YAQL, "item(y)", "$states.input.value[1]"},
		{"task status", YAQL, "task_status(task2)", "$sl_task_task2.status"},
		{"task result", YAQL, "task(task1).result.items.select($.result.stdout)", "($sl_w := [$map($sl_task_task1.result.items, function($sl_x) { ($sl_e := $sl_x.result.stdout; $exists($sl_e) ? {'v': $sl_e}) })]; $count($sl_w) = 1 ? ($sl_e := $lookup($sl_w[0], 'v'); $type($sl_e) = 'array' ? [[$sl_e]] : [$sl_e]) : [$map($sl_w, function($sl_o) { $lookup($sl_o, 'v') })])"},
		{"where", YAQL, "ctx().members.where($ > 1)", "($sl_w := [$map($members, function($sl_x) { $sl_x > 1 ? {'v': $sl_x} })]; $count($sl_w) = 1 ? ($sl_e := $lookup($sl_w[0], 'v'); $type($sl_e) = 'array' ? [[$sl_e]] : [$sl_e]) : [$map($sl_w, function($sl_o) { $lookup($sl_o, 'v') })])"},
		{"task name", YAQL, "task().task_name", "'task1'"},
		{"st2kv", YAQL, "st2kv(ctx().name, decrypt => true)", "$lookup($sl_kv, $name)"},
		{"st2kv jinja attr", Jinja, "st2kv.system.host", "$lookup($sl_kv, 'system.host')"},
		{"json", YAQL, "json(ctx().name)", "$parse($name)"},
		{"to json", YAQL, "to_json_string(ctx().d)", "$string($d)"},
		{"from json", Jinja, "ctx().name | from_json_string", "$parse($name)"},
		{"zip", YAQL, "zip(ctx().members, ctx().d)", "$zip($members, $d)"},
		{"regex match", YAQL, "regex_match(ctx().name, 'a+')", "$contains($name, /^(?:a+)/)"},
		{"regex replace", YAQL, `regex_replace(ctx().name, '(a)b', '\1c')`, "$replace($name, /(a)b/, '$1c')"},
		{"use none", YAQL, "use_none(ctx().d)", "$d"},
		{"int filter", Jinja, "ctx().name | int", "($sl_n := $number($name); $sl_n < 0 ? $ceil($sl_n) : $floor($sl_n))"},
		{"string filter", Jinja, "ctx().n | string", "$string($n)"},
		{"length", Jinja, "ctx().members | length", "($sl_c := $members; $type($sl_c) = 'string' ? $length($sl_c) : $type($sl_c) = 'object' ? $count($keys($sl_c)) : $count($sl_c))"},
		{"default", Jinja, "ctx().name | default('x')", "($sl_d := $name; $exists($sl_d) ? $sl_d : 'x')"},
		{"upper", Jinja, "ctx().name | upper", "$uppercase($name)"},
		{"lower method", YAQL, "ctx().name.toLower()", "$lowercase($name)"},
		{"join", Jinja, "ctx().members | join(', ')", "$join($map($members, function($sl_v) { $string($sl_v) }), ', ')"},
		{"conditional", Jinja, "'a' if ctx().n > 1 else 'b'", "$n > 1 ? 'a' : 'b'"},
		{"is defined", Jinja, "ctx().d.x is defined", "$exists($d.x)"},
		{"is not none", Jinja, "ctx().d is not none", "$not($type($d) = 'null')"},
		{"str random", YAQL, "str(random(1, 9))", "$string($floor($random() * (9 - 1 + 1)) + 1)"},
		{"quote in string", YAQL, `"it's"`, `"it's"`},
		{"negative", YAQL, "-ctx().n", "-$n"},
		{"floor div", Jinja, "7 // 2", "$floor(7 / 2)"},
		{"mod", YAQL, "ctx().n mod 2", "$n % 2"},
		{"float", YAQL, "1.5e3", "1500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Translate(tt.src, tt.dialect, testScope)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("Translate(%q) = %q, want an error", tt.src, got.JSONata)
				}
				return
			}
			if err != nil {
				t.Fatalf("Translate(%q): %v", tt.src, err)
			}
			if got.JSONata != tt.want {
				t.Errorf("Translate(%q)\ngot  %s\nwant %s", tt.src, got.JSONata, tt.want)
			}
		})
	}
}

func TestTranslateErrors(t *testing.T) {
	tests := []struct {
		name    string
		dialect Dialect
		src     string
		scope   *Scope
		hint    bool
	}{
		{"undefined var", YAQL, "ctx().nope", testScope, false},
		{"result outside next", YAQL, "result()", &Scope{}, false},
		{"item outside with", YAQL, "item()", &Scope{}, false},
		{"unknown function", YAQL, "frobnicate(1)", testScope, false},
		{"dynamic regex", YAQL, "regex_match(ctx().name, ctx().name)", testScope, true},
		{"dynamic ctx", YAQL, "ctx(ctx().name)", testScope, true},
		{"syntax", YAQL, "ctx(.", testScope, false},
		{"unterminated", Jinja, "'abc", testScope, false},
		{"bare name", Jinja, "name", testScope, false},
		{"unsupported with hint", Jinja, "ctx().name | wordcount", testScope, true},
		{"yaml", YAQL, "to_yaml_string(ctx().d)", testScope, true},
		{"let", YAQL, "let(x => 1)", testScope, true},
		{"dynamic format", YAQL, "ctx().name.format(1)", testScope, true},
		{"format spec", YAQL, "'{0:>5}'.format(1)", testScope, true},
		{"format too few", YAQL, "'{} {}'.format(1)", testScope, false},
		{"percent float", Jinja, "'%.2f' % 1.5", testScope, true},
		{"percent too many", Jinja, "'%s' % (1, 2)", testScope, false},
		{"map unknown filter", Jinja, "ctx().members | map('frob')", testScope, true},
		{"selectattr unknown test", Jinja, "ctx().members | selectattr('a', 'odd', 1)", testScope, true},
		{"switch without pairs", YAQL, "switch(1)", testScope, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Translate(tt.src, tt.dialect, tt.scope)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Translate(%q) error = %v, want an *Error", tt.src, err)
			}
			if got := e.Hint != ""; got != tt.hint {
				t.Errorf("hint present = %v, want %v (%v)", got, tt.hint, err)
			}
		})
	}
}

func TestTranslateTemplate(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"literal", "echo hi", "echo hi"},
		{"single", "<% ctx(cmd) %>", "{% $cmd %}"},
		{"mixed", "<% ctx(st2).api_url %>/executions/<% ctx(st2).action_execution_id %>", "{% $st2.api_url & '/executions/' & $st2.action_execution_id %}"},
		{"jinja mixed", "{{ ctx().name }}, resistance", "{% ($sl_p := $name; $type($sl_p) = 'boolean' ? ($sl_p ? 'True' : 'False') : $type($sl_p) = 'null' ? 'None' : $sl_p) & ', resistance' %}"},
		{"jsonata passthrough", "{% $uppercase($name) %}", "{% $uppercase($name) %}"},
		{"jsonata in text", "x{% $a + 1 %}", "{% 'x' & ($a + 1) %}"},
		{"dict in jinja", "{{ {'a': {'b': 1}} }}", "{% {'a': {'b': 1}} %}"},
		{"operand wrapped", "n=<% ctx().n > 1 %>", "{% 'n=' & ($n > 1) %}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := TranslateTemplate(tt.src, testScope)
			if err != nil {
				t.Fatalf("TranslateTemplate(%q): %v", tt.src, err)
			}
			if got := r.Value(); got != tt.want {
				t.Errorf("TranslateTemplate(%q)\ngot  %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}
