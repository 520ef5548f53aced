package expr

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// jsonataModule returns the reference JSONata implementation installed by
// `make tools`, skipping the test when node or the module is missing.
func jsonataModule(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed; skipping evaluation against reference JSONata")
	}
	dir, _ := os.Getwd()
	for ; ; dir = filepath.Dir(dir) {
		mod := filepath.Join(dir, ".tools", "node_modules", "jsonata")
		if _, err := os.Stat(mod); err == nil {
			return mod
		}
		if filepath.Dir(dir) == dir {
			t.Skip(".tools/node_modules/jsonata is missing (run make tools); skipping evaluation against reference JSONata")
		}
	}
}

// evalCase is one expression evaluated over a workflow context.
type evalCase struct {
	name    string
	dialect Dialect
	src     string
	want    any
}

// evalContext is the workflow state every case sees.
var evalContext = struct {
	vars   map[string]any
	record any
	item   any
}{
	vars: map[string]any{
		"name": "world", "n": 3.0, "count": 2.0, "members": []any{"a", "b", "c"},
		"d": map[string]any{"k": "v", "my-key": 1.0}, "empty": "", "json": `{"x": [1, 2]}`,
		"st2":  map[string]any{"api_url": "http://st2/api"},
		"none": map[string]any{}, "one": map[string]any{"only": []any{1.0, 2.0}},
		"two": map[string]any{"a": 1.0, "b": []any{2.0}}, "nul": map[string]any{"z": nil},
		"recs": []any{map[string]any{"n": "a", "v": 2.0, "on": true}, map[string]any{"n": "b", "v": 1.0, "on": false},
			map[string]any{"n": "c", "v": 3.0, "on": true}},
		"lists": []any{[]any{1.0, 2.0}, []any{3.0}},
	},
	record: map[string]any{"status": "succeeded", "result": map[string]any{"stdout": "hi\n", "items": []any{
		map[string]any{"result": map[string]any{"stdout": "one"}}, map[string]any{"result": map[string]any{"stdout": "two"}},
	}}},
	item: []any{"x0", "y0"},
}

// evalCases are translated and evaluated by the reference JSONata and by
// the interpreter's JSONata.
var evalCases = []evalCase{
	{"ctx path", YAQL, "ctx(name)", "world"},
	{"reserved name", YAQL, "ctx().count + 1", 3.0},
	{"concat", YAQL, "'hello ' + ctx().name", "hello world"},
	{"arith", Jinja, "(ctx().n + 1) * 2 - 1", 7.0},
	{"generic plus numbers", YAQL, "ctx().n + ctx().count", 5.0},
	{"generic plus strings", YAQL, "ctx().name + ctx().name", "worldworld"},
	{"generic plus lists", YAQL, "ctx().members + ctx().members", []any{"a", "b", "c", "a", "b", "c"}},
	{"or default", Jinja, "ctx().empty or 'anon'", "anon"},
	{"or keeps value", Jinja, "ctx().name or 'anon'", "world"},
	{"and value", Jinja, "ctx().name and ctx().n", 3.0},
	{"in list", YAQL, "'b' in ctx().members", true},
	{"in string", Jinja, "'orl' in ctx().name", true},
	{"in dict", Jinja, "'k' in ctx().d", true},
	{"not in", Jinja, "'z' not in ctx().members", true},
	{"index", YAQL, "ctx().members[1]", "b"},
	{"negative index", Jinja, "ctx().members[-1]", "c"},
	{"dict key", Jinja, "ctx().d['my-key']", 1.0},
	{"dynamic index", Jinja, "ctx().members[ctx().count - 1]", "b"},
	{"length list", Jinja, "ctx().members | length", 3.0},
	{"length string", YAQL, "len(ctx().name)", 5.0},
	{"length dict", YAQL, "len(ctx().d)", 2.0},
	{"default", Jinja, "ctx().d.missing | default('x')", "x"},
	{"upper", Jinja, "ctx().name | upper", "WORLD"},
	{"join", Jinja, "ctx().members | join('-')", "a-b-c"},
	{"int", Jinja, "'42' | int", 42.0},
	{"int negative", YAQL, "int(-2.5)", -2.0},
	{"string", Jinja, "ctx().n | string", "3"},
	{"json", YAQL, "json(ctx().json).x[1]", 2.0},
	{"to json", YAQL, "to_json_string(ctx().members)", `["a","b","c"]`},
	{"regex match", YAQL, "regex_match(ctx().name, 'w.r')", true},
	{"regex match anchored", YAQL, "regex_match(ctx().name, 'orl')", false},
	{"regex search", YAQL, "regex_search(ctx().name, 'orl')", true},
	{"regex replace", YAQL, `regex_replace(ctx().name, '(w)orld', '\1ide')`, "wide"},
	{"conditional", Jinja, "'big' if ctx().n > 2 else 'small'", "big"},
	{"is defined", Jinja, "ctx().d.k is defined", true},
	{"is not defined", Jinja, "ctx().d.zz is not defined", true},
	{"result", YAQL, "result().stdout", "hi\n"},
	{"succeeded", YAQL, "succeeded() and not failed()", true},
	{"completed", YAQL, "completed()", true},
	{"select", YAQL, "result().items.select($.result.stdout)", []any{"one", "two"}},
	{"where", YAQL, "ctx().members.where($ != 'b')", []any{"a", "c"}},
	{"item", YAQL, "item(y)", "y0"},
	{"st2 ctx", YAQL, "ctx(st2).api_url + '/executions'", "http://st2/api/executions"},
	{"zip", YAQL, "zip(ctx().members, [1, 2, 3])[1]", []any{"b", 2.0}},
	{"range", YAQL, "range(3)", []any{0.0, 1.0, 2.0}},
	{"floor div", Jinja, "7 // 2", 3.0},
	{"mod", YAQL, "7 mod 3", 1.0},
	{"dict literal", Jinja, "{'a': ctx().n}", map[string]any{"a": 3.0}},
	{"keys", Jinja, "ctx().d | keys | sort", []any{"k", "my-key"}},
	{"capitalize", Jinja, "ctx().name | capitalize", "World"},
	{"startsWith", YAQL, "ctx().name.startsWith('wo')", true},
	{"endsWith", YAQL, "ctx().name.endsWith('ld')", true},
	{"use none", YAQL, "use_none(ctx().n)", 3.0},
	{"keys of none", YAQL, "ctx().none.keys()", []any{}},
	{"keys of one", YAQL, "ctx().one.keys()", []any{"only"}},
	{"keys of two", Jinja, "ctx().two | keys", []any{"a", "b"}},
	{"values of none", YAQL, "ctx().none.values()", []any{}},
	{"values of one", YAQL, "ctx().one.values()", []any{[]any{1.0, 2.0}}},
	{"values of two", Jinja, "ctx().two.values()", []any{1.0, []any{2.0}}},
	{"values of null", Jinja, "ctx().nul.values()", []any{nil}},
	{"items of none", Jinja, "ctx().none.items()", []any{}},
	{"items of one", YAQL, "ctx().one.items()", []any{[]any{"only", []any{1.0, 2.0}}}},
	{"items of two", Jinja, "ctx().two | items", []any{[]any{"a", 1.0}, []any{"b", []any{2.0}}}},
	{"items of null", YAQL, "ctx().nul.items()", []any{[]any{"z", nil}}},
	{"list of none", Jinja, "ctx().none | list", []any{}},
	{"list of one", Jinja, "ctx().one | list", []any{"only"}},
	{"list of two", Jinja, "ctx().two | list", []any{"a", "b"}},
	{"list of string", Jinja, "ctx().name | list", []any{"w", "o", "r", "l", "d"}},
	{"list of list", Jinja, "ctx().members | list", []any{"a", "b", "c"}},
	{"list of one-element list", Jinja, "[ctx().name] | list", []any{"world"}},
	{"select one", YAQL, "ctx().members.where($ = 'b').select($ + '!')", []any{"b!"}},
	{"where one", YAQL, "ctx().members.where($ = 'b')", []any{"b"}},
	{"where none", YAQL, "ctx().members.where($ = 'z')", []any{}},
	{"where one list", YAQL, "ctx().lists.where(len($) = 1)", []any{[]any{3.0}}},
	{"select lists", YAQL, "ctx().lists.select($)", []any{[]any{1.0, 2.0}, []any{3.0}}},
	{"select nested", YAQL, "ctx().lists.select($.select($ * 10))", []any{[]any{10.0, 20.0}, []any{30.0}}},
	{"select index in lambda", YAQL, "ctx().recs.where($.on).select($.n)", []any{"a", "c"}},
	{"map attribute one", Jinja, "ctx().recs | selectattr('n', 'eq', 'c') | map(attribute='n') | list", []any{"c"}},
	{"map attribute some missing", Jinja, "[{'n': [1, 2]}, {}] | map(attribute='n') | list", []any{[]any{1.0, 2.0}}},
	{"map attribute", Jinja, "ctx().recs | map(attribute='n') | list", []any{"a", "b", "c"}},
	{"map filter", Jinja, "ctx().members | map('upper') | list", []any{"A", "B", "C"}},
	{"map filter args", Jinja, "ctx().members | map('replace', 'a', 'x') | join(',')", "x,b,c"},
	{"map string", Jinja, "ctx().recs | map(attribute='v') | map('string') | list", []any{"2", "1", "3"}},
	{"selectattr", Jinja, "ctx().recs | selectattr('on') | map(attribute='n') | list", []any{"a", "c"}},
	{"selectattr equalto one", Jinja, "ctx().recs | selectattr('n', 'equalto', 'b') | list", []any{map[string]any{"n": "b", "v": 1.0, "on": false}}},
	{"selectattr gt", Jinja, "ctx().recs | selectattr('v', 'gt', 1) | map(attribute='n') | list", []any{"a", "c"}},
	{"rejectattr", Jinja, "ctx().recs | rejectattr('on') | map(attribute='n') | list", []any{"b"}},
	{"select test", Jinja, "[1, none, 2] | select('none') | list", []any{nil}},
	{"reject test", Jinja, "[1, none, 2] | reject('none') | list", []any{1.0, 2.0}},
	{"select truthy", Jinja, "[1, 0, '', 'x'] | select | list", []any{1.0, "x"}},
	{"skip", YAQL, "ctx().members.skip(2)", []any{"c"}},
	{"take", YAQL, "ctx().members.take(1)", []any{"a"}},
	{"limit", YAQL, "ctx().lists.limit(1)", []any{[]any{1.0, 2.0}}},
	{"skip all", YAQL, "ctx().members.skip(5)", []any{}},
	{"take more", YAQL, "ctx().members.take(5)", []any{"a", "b", "c"}},
	{"take none", YAQL, "ctx().members.take(0)", []any{}},
	{"skip in lambda", YAQL, "ctx().lists.select($.skip(1))", []any{[]any{2.0}, []any{}}},
	{"orderBy", YAQL, "ctx().recs.orderBy($.v).select($.n)", []any{"b", "a", "c"}},
	{"orderByDescending", YAQL, "ctx().recs.orderByDescending($.n).select($.n)", []any{"c", "b", "a"}},
	{"orderBy stable", YAQL, "ctx().recs.orderBy(len($.n)).select($.n)", []any{"a", "b", "c"}},
	{"orderBy one", YAQL, "ctx().members.where($ = 'a').orderBy($)", []any{"a"}},
	{"selectMany", YAQL, "ctx().lists.selectMany($)", []any{1.0, 2.0, 3.0}},
	{"selectMany one", YAQL, "ctx().lists.take(1).selectMany($.select($ * 2))", []any{2.0, 4.0}},
	{"any", YAQL, "ctx().recs.any($.v > 2)", true},
	{"any none", YAQL, "ctx().recs.any($.v > 5)", false},
	{"any empty", YAQL, "ctx().members.where($ = 'z').any()", false},
	{"any plain", YAQL, "[0, ''].any()", true},
	{"all", YAQL, "ctx().recs.all($.v > 0)", true},
	{"all not", YAQL, "ctx().recs.all($.on)", false},
	{"all plain", YAQL, "[1, 'x'].all()", true},
	{"format", YAQL, "'{0} has {1}'.format(ctx().name, ctx().n)", "world has 3"},
	{"format auto", YAQL, "format('{}-{}', ctx().name, 1)", "world-1"},
	{"format named", YAQL, "'{who}: {0}'.format(true, who => ctx().name)", "world: True"},
	{"format braces none", YAQL, "'{{{0}}} {1}'.format(ctx().name, null)", "{world} None"},
	{"percent", Jinja, "'%s has %d' % (ctx().name, 3.7)", "world has 3"},
	{"percent one", Jinja, "'[%s]' % ctx().name", "[world]"},
	{"percent literal percent", Jinja, "'%d%%' % -2.5", "-2%"},
	{"percent bool", Jinja, "'%s/%s' % (true, none)", "True/None"},
	{"format filter", Jinja, "'%s-%s' | format(ctx().name, 2)", "world-2"},
	{"switch", YAQL, "switch(ctx().n > 5 => 'big', ctx().n > 2 => 'mid', true => 'small')", "mid"},
	{"switch none", YAQL, "switch(ctx().n > 5 => 'big')", nil},
	{"list of values", YAQL, "list(ctx().name, ctx().members, 1)", []any{"world", []any{"a", "b", "c"}, 1.0}},
	{"list unpacks iterators", YAQL, "list(ctx().members.where($ != 'a'), range(2))", []any{"b", "c", 0.0, 1.0}},
	{"list of one list", YAQL, "list([1, 2])", []any{[]any{1.0, 2.0}}},
	{"list of missing", YAQL, "list(ctx().d.zz)", []any{nil}},
	{"dict expression keys", YAQL, "dict(ctx().name => 1, 'k' + 'x' => 2)", map[string]any{"world": 1.0, "kx": 2.0}},
	{"isList", YAQL, "isList(ctx().members) and not isList(ctx().name)", true},
	{"isDict", YAQL, "isDict(ctx().d)", true},
	{"isString", YAQL, "isString(ctx().name) and isNumber(ctx().n) and isBoolean(true)", true},
	{"containsKey", YAQL, "ctx().d.containsKey('k') and not ctx().d.containsKey('z')", true},
	{"containsKey null value", YAQL, "ctx().nul.containsKey('z')", true},
	{"containsKey empty", YAQL, "ctx().none.containsKey('z')", false},
	{"get missing with default", YAQL, "ctx().d.get('z', 'dflt')", "dflt"},
	{"get missing with default jinja", Jinja, "ctx().d.get('z', 'dflt')", "dflt"},
	{"get missing", Jinja, "ctx().d.get('z')", nil},
	{"get present", YAQL, "ctx().d.get('k', 'dflt')", "v"},
	{"get dynamic key", Jinja, "ctx().d.get(ctx().name, 0)", 0.0},
}

func TestEvaluateTranslations(t *testing.T) {
	mod := jsonataModule(t)
	cases := evalCases
	scope := evalScope()
	inputs := make([]map[string]any, len(cases))
	for i, c := range cases {
		tr, err := Translate(c.src, c.dialect, scope)
		if err != nil {
			t.Fatalf("%s: Translate(%q): %v", c.name, c.src, err)
		}
		inputs[i] = map[string]any{"expr": tr.JSONata, "bindings": evalBindings()}
	}
	results := runNode(t, mod, inputs)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := results[i]
			if r.Error != "" {
				t.Fatalf("evaluating %s: %s", inputs[i]["expr"], r.Error)
			}
			if !reflect.DeepEqual(r.Value, c.want) {
				t.Errorf("%s\n  as %s\ngot  %#v\nwant %#v", c.src, inputs[i]["expr"], r.Value, c.want)
			}
		})
	}
}

func evalScope() *Scope {
	var names []string
	for k := range evalContext.vars {
		names = append(names, k)
	}
	sort.Strings(names)
	return &Scope{Vars: names, CheckVars: true, Record: "$states.input", Task: "t",
		Item: "$states.context.Map.Item.Value", ItemNames: []string{"x", "y"}}
}

// evalBindings maps the JSONata variables to the context's values.
func evalBindings() map[string]any {
	b := map[string]any{}
	for k, v := range evalContext.vars {
		name, _ := VarName(k)
		b[name] = v
	}
	b["states"] = map[string]any{"input": evalContext.record,
		"context": map[string]any{"Map": map[string]any{"Item": map[string]any{"Value": evalContext.item}}}}
	return b
}

type evalResult struct {
	Value any    `json:"value"`
	Error string `json:"error"`
}

// runNode evaluates every input in one node process.
func runNode(t *testing.T, mod string, inputs []map[string]any) []evalResult {
	t.Helper()
	in, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "node", filepath.Join("testdata", "eval.js"), mod)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running node: %v\n%s", err, stderr.String())
	}
	var results []evalResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(inputs) {
		t.Fatalf("reading node's answer: %v (%d results for %d inputs)", err, len(results), len(inputs))
	}
	return results
}

// TestTemplatesWithReferenceJSONata renders templateCases with jsonata-js.
func TestTemplatesWithReferenceJSONata(t *testing.T) {
	mod := jsonataModule(t)
	inputs := make([]map[string]any, len(templateCases))
	for i, c := range templateCases {
		r, err := TranslateTemplate(c.src, templateScope())
		if err != nil {
			t.Fatalf("TranslateTemplate(%q): %v", c.src, err)
		}
		inputs[i] = map[string]any{"expr": r.JSONata, "bindings": templateBindings()}
	}
	for i, r := range runNode(t, mod, inputs) {
		if r.Error != "" || r.Value != templateCases[i].want {
			t.Errorf("%s\n  as %s\ngot %#v (error %q), want %q", templateCases[i].src, inputs[i]["expr"], r.Value, r.Error, templateCases[i].want)
		}
	}
}
