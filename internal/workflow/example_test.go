package workflow_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/workflow"
)

func ExampleParseOrquesta() {
	src := `version: 1.0
input:
  - name
tasks:
  greet:
    action: core.echo message="Hello, <% ctx(nmae) %>"
    next:
      - when: <% succeeded() %>
        do: sing
`
	_, err := workflow.ParseOrquesta("hello.yaml", []byte(src))
	for _, e := range workflow.AsList(err) {
		fmt.Println(e)
	}
	// Output:
	// hello.yaml:6:13: undefined variable "nmae": neither input, vars nor published by any task in "ctx(nmae)"
	// hello.yaml:9:13: task greet transitions to unknown task "sing"
}

func ExampleCompile() {
	src := `version: 1.0
tasks:
  hello:
    action: core.echo message="hi"
`
	wf, err := workflow.ParseOrquesta("hello.yaml", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	asl, err := workflow.Compile(wf, workflow.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(asl) > 0)
	// Output: true
}

func ExampleStateMachineName() {
	fmt.Println(workflow.StateMachineName("examples.orquesta-basic"))
	// Output: stormless-examples-orquesta-basic
}

func ExampleWorkflow_Mermaid() {
	wf, _ := workflow.ParseOrquesta("wf.yaml", []byte("version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - when: <% failed() %>\n        do: fail\n"))
	fmt.Print(wf.Mermaid())
	// Output:
	// flowchart TD
	//   start((start)) --> t_a
	//   t_a["a<br/>core.noop"]
	//   t_a -->|"failed()"| cmd_fail(((fail)))
}
