package expr_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/workflow/expr"
)

func ExampleTranslate() {
	scope := &expr.Scope{Vars: []string{"members"}, Record: "$states.input"}
	for _, src := range []string{
		"succeeded() and len(ctx(members)) > 0",
		"result().items.select($.result.stdout)",
	} {
		tr, err := expr.Translate(src, expr.YAQL, scope)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(tr.JSONata)
	}
	// Output:
	// $states.input.status = 'succeeded' and ($sl_c := $members; $type($sl_c) = 'string' ? $length($sl_c) : $type($sl_c) = 'object' ? $count($keys($sl_c)) : $count($sl_c)) > 0
	// ($sl_w := [$map($states.input.result.items, function($sl_x) { ($sl_e := $sl_x.result.stdout; $exists($sl_e) ? {'v': $sl_e}) })]; $count($sl_w) = 1 ? ($sl_e := $lookup($sl_w[0], 'v'); $type($sl_e) = 'array' ? [[$sl_e]] : [$sl_e]) : [$map($sl_w, function($sl_o) { $lookup($sl_o, 'v') })])
}

func ExampleTranslateTemplate() {
	r, err := expr.TranslateTemplate("{{ ctx().name | upper }}, hello!", &expr.Scope{Vars: []string{"name"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Value())
	// Output: {% $uppercase($name) & ', hello!' %}
}

func ExampleTranslate_error() {
	_, err := expr.Translate("regex_match(ctx(s), ctx(p))", expr.YAQL, &expr.Scope{Vars: []string{"s", "p"}})
	fmt.Println(err)
	// Output: regex_match() needs a literal pattern at offset 0 in expression "regex_match(ctx(s), ctx(p))"; write JSONata instead: {% $contains(value, /pattern/) %}
}
