package pack_test

import (
	"fmt"
	"path/filepath"

	"github.com/stormless/stormless/internal/pack"
)

func ExampleLoad() {
	s, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		fmt.Println(err) // one "file:line:col: message" per problem
		return
	}
	r, _ := s.Rule("examples.greet_on_webhook")
	fmt.Println(r.Trigger.Type, r.Trigger.Parameters["url"], "->", r.Action.Ref)
	a, _ := s.Action(r.Action.Ref)
	fmt.Println(a.RunnerType, a.Parameters["name"].Default)
	// Output:
	// core.st2.webhook sample -> examples.greet
	// local-shell-script world
}
