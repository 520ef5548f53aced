package eventpattern

import (
	"encoding/json"
	"errors"
	"testing"
)

// TestSkippedValuesAreValidated checks that values no pattern names, which
// the Matcher skips rather than reads, are still validated as
// encoding/json validates them.
func TestSkippedValuesAreValidated(t *testing.T) {
	p, err := Parse([]byte(`{"a":["x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := NewMatcher()
	if err := m.Add("p", p); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, event string }{
		{name: "valid nesting", event: `{"a":"x","s":{"k":[1,-0.5e+3,true,null,"\u00e9\"",{}],"e":[]}}`},
		{name: "unterminated key", event: `{"a":"x","s":{"`},
		{name: "key without colon", event: `{"a":"x","s":{"k" 1}}`},
		{name: "bad escape", event: `{"a":"x","s":"\q"}`},
		{name: "bad unicode escape", event: `{"a":"x","s":"\u12g4"}`},
		{name: "control character", event: "{\"a\":\"x\",\"s\":\"a\x01b\"}"},
		{name: "trailing comma", event: `{"a":"x","s":[1,]}`},
		{name: "missing comma", event: `{"a":"x","s":{"k":1 "l":2}}`},
		{name: "mismatched closer", event: `{"a":"x","s":[1}}`},
		{name: "bad number", event: `{"a":"x","s":01}`},
		{name: "bad exponent", event: `{"a":"x","s":1e}`},
		{name: "bad literal", event: `{"a":"x","s":nul}`},
		{name: "unclosed", event: `{"a":"x","s":[[`},
		{name: "long string unterminated", event: `{"a":"x","s":"abcdefghijklmnopqrstuvwxyz`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.Match([]byte(tt.event))
			if valid := json.Valid([]byte(tt.event)); valid != (err == nil) {
				t.Fatalf("got error %v, want valid=%v", err, valid)
			}
			if err != nil && !errors.Is(err, ErrInvalidEvent) {
				t.Fatalf("got %v, want ErrInvalidEvent", err)
			}
		})
	}
}
