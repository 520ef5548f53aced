package rule_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
)

func ExampleCompile() {
	r := &pack.Rule{
		Ref:     "examples.on_error",
		Trigger: pack.RuleTrigger{Type: "core.st2.generic.actiontrigger"},
		Criteria: []pack.Criterion{
			{Key: "trigger.status", Type: "equals", Pattern: "failed"},
			{Key: "trigger.action_name", Type: "regex", Pattern: "^deploy"},
		},
	}
	c, err := rule.Compile(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := json.Marshal(c)
	fmt.Println(string(out))
	// Output:
	// {"rule":"examples.on_error","event_pattern":{"detail":{"payload":{"action_name":[{"prefix":"deploy"}],"status":["failed"]}},"detail-type":["core.st2.generic.actiontrigger"],"source":["stormless.core"]},"residual":{"trigger.action_name":{"pattern":"^deploy","type":"regex"},"trigger.status":{"pattern":"failed","type":"equals"}},"exact":false}
}

func ExampleEvaluate() {
	criteria, _ := rule.ParseCriteria(map[string]any{
		"trigger.body.name":    map[string]any{"type": "iequals", "pattern": "{{ st2kv.system.expected }}"},
		"trigger.body.tags":    map[string]any{"type": "contains", "pattern": "urgent"},
		"trigger.body.count#1": map[string]any{"type": "gt", "pattern": 2},
	})
	payload := map[string]any{"body": map[string]any{"name": "ST2", "tags": []any{"urgent"}, "count": 3}}
	res, _ := rule.Evaluate(context.Background(), criteria, payload, rule.WithDatastore(rule.MapDatastore{"expected": "st2"}))
	for _, x := range res.Criteria {
		fmt.Printf("%s %s %v: %v\n", x.Key, x.Type, x.Pattern, x.Match)
	}
	fmt.Println("match:", res.Match)
	// Output:
	// trigger.body.count#1 gt 2: true
	// trigger.body.name iequals st2: true
	// trigger.body.tags contains urgent: true
	// match: true
}
