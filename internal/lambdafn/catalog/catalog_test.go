package catalog

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	set, cat, err := Compile(filepath.Join("..", "..", "..", "packs"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := set.Pack("examples"); !ok {
		t.Error("the examples pack is not loaded")
	}
	if _, err := cat.Action("core.local"); err != nil {
		t.Errorf("core.local: %v", err)
	}
	if got, want := WorkflowARN("eu-west-1", "123456789012")("examples.hello_wf"),
		"arn:aws:states:eu-west-1:123456789012:stateMachine:stormless-examples-hello_wf"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, _, err := Compile(filepath.Join(t.TempDir(), "none"), "r", "a"); err == nil || !strings.Contains(err.Error(), "none") {
		t.Errorf("missing packs folder: got %v, want an error naming it", err)
	}
}
