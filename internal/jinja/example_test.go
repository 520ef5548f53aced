package jinja_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/jinja"
)

func ExampleRender() {
	out, err := jinja.Render("{{ trigger.body | to_json_string }}", map[string]any{
		"trigger": map[string]any{"body": map[string]any{"ok": true}},
	})
	fmt.Println(out, err)
	// Output: {"ok":true} <nil>
}
