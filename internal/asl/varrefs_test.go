package asl

import (
	"encoding/json"
	"testing"
)

func TestVariableReferences(t *testing.T) {
	tests := []struct {
		name, def, want string
	}{
		{name: "jsonpath fields and intrinsics",
			def: `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$x","Parameters":{"lit":"$notread","f.$":"States.Format($tpl, $$.Map.Item.Value, $.y)"},
				"Assign":{"v.$":"$z[0]"},"Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$a","StringEqualsPath":"$b","Next":"A"}]}}}`,
			want: `{"A":["tpl","x","z"],"C":["a","b"]}`},
		{name: "nested map states are their own entries",
			def:  `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$items","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":"$outer","End":true}}},"End":true}}}`,
			want: `{"M":["items"],"P":["outer"]}`},
		{name: "jsonata skips states, functions and bindings",
			def:  `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% ($n := 1; $sum($states.input.v) + $n + $limit) %}","End":true}}}`,
			want: `{"A":["limit"]}`},
		{name: "none", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":"$y"},"End":true}}}`, want: `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := VariableReferences([]byte(tc.def))
			if err != nil {
				t.Fatalf("VariableReferences: %v", err)
			}
			b, _ := json.Marshal(got)
			if string(b) != tc.want {
				t.Errorf("got %s, want %s", b, tc.want)
			}
		})
	}
}
