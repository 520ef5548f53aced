package eventpattern

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name     string
		pattern  string
		wantPath string
		wantMsg  string
	}{
		{name: "not JSON", pattern: `{"a":`, wantPath: "$.a", wantMsg: "unexpected end of input"},
		{name: "trailing data", pattern: `{"a":[1]} x`, wantPath: "$", wantMsg: "after the pattern"},
		{name: "not an object", pattern: `["a"]`, wantPath: "$", wantMsg: "must be a JSON object"},
		{name: "empty pattern", pattern: `{}`, wantPath: "$", wantMsg: "empty objects"},
		{name: "empty nested object", pattern: `{"a":{}}`, wantPath: "$.a", wantMsg: "empty objects"},
		{name: "duplicate key", pattern: `{"a":[1],"a":[2]}`, wantPath: "$.a", wantMsg: "duplicate key"},
		{name: "scalar leaf", pattern: `{"a":"x"}`, wantPath: "$.a", wantMsg: "must be an array"},
		{name: "empty leaf", pattern: `{"a":[]}`, wantPath: "$.a", wantMsg: "empty arrays"},
		{name: "nested array", pattern: `{"a":[["x"]]}`, wantPath: "$.a[0]", wantMsg: "nested arrays"},
		{name: "unknown filter", pattern: `{"a":[{"regex":"x"}]}`, wantPath: "$.a[0]", wantMsg: `unrecognized filter "regex"`},
		{name: "two keys in a filter", pattern: `{"a":[{"prefix":"x","suffix":"y"}]}`, wantPath: "$.a[0]", wantMsg: "exactly one key"},
		{name: "prefix not a string", pattern: `{"a":[{"prefix":1}]}`, wantPath: "$.a[0].prefix", wantMsg: "must be a string"},
		{name: "prefix ignore case not a string", pattern: `{"a":[{"prefix":{"equals-ignore-case":1}}]}`, wantPath: "$.a[0].prefix.equals-ignore-case", wantMsg: "must be a string"},
		{name: "suffix bad object", pattern: `{"a":[{"suffix":{"wildcard":"x"}}]}`, wantPath: "$.a[0].suffix", wantMsg: "equals-ignore-case"},
		{name: "equals-ignore-case not a string", pattern: `{"a":[{"equals-ignore-case":["x"]}]}`, wantPath: "$.a[0].equals-ignore-case", wantMsg: "must be a string"},
		{name: "wildcard consecutive stars", pattern: `{"a":[{"wildcard":"a**b"}]}`, wantPath: "$.a[0].wildcard", wantMsg: "consecutive"},
		{name: "wildcard bad escape", pattern: `{"a":[{"wildcard":"a\\b"}]}`, wantPath: "$.a[0].wildcard", wantMsg: "backslash"},
		{name: "wildcard trailing backslash", pattern: `{"a":[{"wildcard":"a\\"}]}`, wantPath: "$.a[0].wildcard", wantMsg: "backslash"},
		{name: "wildcard not a string", pattern: `{"a":[{"wildcard":1}]}`, wantPath: "$.a[0].wildcard", wantMsg: "must be a string"},
		{name: "anything-but boolean", pattern: `{"a":[{"anything-but":true}]}`, wantPath: "$.a[0].anything-but", wantMsg: "must be a string"},
		{name: "anything-but empty list", pattern: `{"a":[{"anything-but":[]}]}`, wantPath: "$.a[0].anything-but", wantMsg: "empty arrays"},
		{name: "anything-but mixed list", pattern: `{"a":[{"anything-but":["x",1]}]}`, wantPath: "$.a[0].anything-but[1]", wantMsg: "only strings or only numbers"},
		{name: "anything-but null in list", pattern: `{"a":[{"anything-but":[null]}]}`, wantPath: "$.a[0].anything-but[0]", wantMsg: "only strings or only numbers"},
		{name: "anything-but unknown object", pattern: `{"a":[{"anything-but":{"numeric":[">",1]}}]}`, wantPath: "$.a[0].anything-but", wantMsg: `unsupported anything-but filter "numeric"`},
		{name: "anything-but two keys", pattern: `{"a":[{"anything-but":{"prefix":"a","suffix":"b"}}]}`, wantPath: "$.a[0].anything-but", wantMsg: "exactly one key"},
		{name: "anything-but empty prefix", pattern: `{"a":[{"anything-but":{"prefix":""}}]}`, wantPath: "$.a[0].anything-but.prefix", wantMsg: "must not be empty"},
		{name: "anything-but prefix number", pattern: `{"a":[{"anything-but":{"prefix":1}}]}`, wantPath: "$.a[0].anything-but.prefix", wantMsg: "list of strings"},
		{name: "anything-but suffix list with number", pattern: `{"a":[{"anything-but":{"suffix":["x",1]}}]}`, wantPath: "$.a[0].anything-but.suffix[1]", wantMsg: "must be a string"},
		{name: "anything-but bad wildcard", pattern: `{"a":[{"anything-but":{"wildcard":["x**"]}}]}`, wantPath: "$.a[0].anything-but.wildcard", wantMsg: "consecutive"},
		{name: "numeric not a list", pattern: `{"a":[{"numeric":">"}]}`, wantPath: "$.a[0].numeric", wantMsg: "must be [op, number]"},
		{name: "numeric odd length", pattern: `{"a":[{"numeric":[">",1,"<"]}]}`, wantPath: "$.a[0].numeric", wantMsg: "must be [op, number]"},
		{name: "numeric unknown operator", pattern: `{"a":[{"numeric":["!=",1]}]}`, wantPath: "$.a[0].numeric[0]", wantMsg: "unrecognized numeric operator"},
		{name: "numeric string bound", pattern: `{"a":[{"numeric":[">","1"]}]}`, wantPath: "$.a[0].numeric[1]", wantMsg: "must be a number"},
		{name: "numeric two lower bounds", pattern: `{"a":[{"numeric":[">",1,">=",2]}]}`, wantPath: "$.a[0].numeric[2]", wantMsg: "one lower bound"},
		{name: "numeric two upper bounds", pattern: `{"a":[{"numeric":["<",1,"<",2]}]}`, wantPath: "$.a[0].numeric[2]", wantMsg: "one upper bound"},
		{name: "numeric equals combined", pattern: `{"a":[{"numeric":["=",1,"<",2]}]}`, wantPath: "$.a[0].numeric[0]", wantMsg: `"=" cannot be combined`},
		{name: "numeric empty range", pattern: `{"a":[{"numeric":[">",5,"<",1]}]}`, wantPath: "$.a[0].numeric", wantMsg: "less than the upper"},
		{name: "numeric out of range", pattern: `{"a":[{"numeric":[">",6e9]}]}`, wantPath: "$.a[0].numeric[1]", wantMsg: "5.0e9"},
		{name: "cidr invalid", pattern: `{"a":[{"cidr":"10.0.0.0/33"}]}`, wantPath: "$.a[0].cidr", wantMsg: "not an IP address"},
		{name: "cidr not a string", pattern: `{"a":[{"cidr":10}]}`, wantPath: "$.a[0].cidr", wantMsg: "must be a string"},
		{name: "exists not boolean", pattern: `{"a":[{"exists":"yes"}]}`, wantPath: "$.a[0].exists", wantMsg: "true or false"},
		{name: "or with one alternative is a field", pattern: `{"$or":[{"a":["x"]}]}`, wantPath: `$["$or"][0]`, wantMsg: `unrecognized filter "a"`},
		{name: "or alternative empty", pattern: `{"$or":[{"a":["x"]},{}]}`, wantPath: `$["$or"][1]`, wantMsg: "empty objects"},
		{name: "or alternative invalid", pattern: `{"$or":[{"a":["x"]},{"b":"y"}]}`, wantPath: `$["$or"][1].b`, wantMsg: "must be an array"},
		{name: "too many combinations", pattern: `{"$or":[{"a":[1]},{"b":[1]},{"c":[1]},{"d":[1]},{"e":[1]},{"f":[1]}],"x":{"$or":[{"a":[1]},{"b":[1]},{"c":[1]},{"d":[1]},{"e":[1]},{"f":[1]}]},"y":{"$or":[{"a":[1]},{"b":[1]},{"c":[1]},{"d":[1]},{"e":[1]},{"f":[1]}]},"z":{"$or":[{"a":[1]},{"b":[1]},{"c":[1]},{"d":[1]},{"e":[1]},{"f":[1]}]}}`, wantPath: "$", wantMsg: "too complex"},
		{name: "too large", pattern: `{"a":["` + strings.Repeat("x", 2050) + `"]}`, wantPath: "$", wantMsg: "limit of 2048"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.pattern))
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("got %v, want *Error", err)
			}
			if perr.Path != tt.wantPath {
				t.Errorf("got path %q, want %q (%s)", perr.Path, tt.wantPath, perr.Msg)
			}
			if !strings.Contains(perr.Msg, tt.wantMsg) {
				t.Errorf("got message %q, want it to contain %q", perr.Msg, tt.wantMsg)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
	}{
		{name: "all literals", pattern: `{"a":["x",1,-2.5e3,true,false,null,""]}`},
		{name: "prefix and suffix", pattern: `{"a":[{"prefix":"x"},{"suffix":"y"},{"prefix":""}]}`},
		{name: "ignore case variants", pattern: `{"a":[{"prefix":{"equals-ignore-case":"X"}},{"suffix":{"equals-ignore-case":"Y"}},{"equals-ignore-case":"Z"}]}`},
		{name: "wildcard escapes", pattern: `{"a":[{"wildcard":"a\\*b\\\\c*"}]}`},
		{name: "anything-but forms", pattern: `{"a":[{"anything-but":"x"},{"anything-but":1},{"anything-but":["x","y"]},{"anything-but":[1,2]},{"anything-but":{"prefix":"x"}},{"anything-but":{"suffix":["x","y"]}},{"anything-but":{"equals-ignore-case":["X"]}},{"anything-but":{"wildcard":"*/lib/*"}}]}`},
		{name: "numeric forms", pattern: `{"a":[{"numeric":[">",0]},{"numeric":["<=",5e9]},{"numeric":["=",3.018e2]},{"numeric":["<",10,">=",0]}]}`},
		{name: "cidr forms", pattern: `{"a":[{"cidr":"10.0.0.0/8"},{"cidr":"2001:db8::/32"},{"cidr":"10.0.0.1"}]}`},
		{name: "exists", pattern: `{"a":[{"exists":true}],"b":[{"exists":false}]}`},
		{name: "or at any level", pattern: `{"$or":[{"a":[1]},{"b":{"$or":[{"c":[1]},{"d":[1]}]}}]}`},
		{name: "size limit option", pattern: `{"a":["` + strings.Repeat("x", 3000) + `"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse([]byte(tt.pattern), WithMaxPatternSize(4096)); err != nil {
				t.Errorf("got %v, want nil", err)
			}
		})
	}
}

func TestWithMaxPatternSizeRejectsNonPositive(t *testing.T) {
	if _, err := Parse([]byte(`{"a":[1]}`), WithMaxPatternSize(0)); err == nil {
		t.Error("got nil, want an error")
	}
	if _, err := NewMatcher(WithMaxPatternSize(-1)); err == nil {
		t.Error("got nil, want an error")
	}
}
