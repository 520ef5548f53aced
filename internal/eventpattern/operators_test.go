package eventpattern

import "testing"

func TestOperators(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		event   string
		want    bool
	}{
		{name: "exact string", pattern: `{"a":["x"]}`, event: `{"a":"x"}`, want: true},
		{name: "exact string is case sensitive", pattern: `{"a":["x"]}`, event: `{"a":"X"}`, want: false},
		{name: "exact list is OR", pattern: `{"a":["x","y"]}`, event: `{"a":"y"}`, want: true},
		{name: "fields are AND", pattern: `{"a":["x"],"b":["y"]}`, event: `{"a":"x","b":"z"}`, want: false},
		{name: "exact number by value", pattern: `{"a":[300]}`, event: `{"a":3.0e2}`, want: true},
		{name: "exact number is not a string", pattern: `{"a":[300]}`, event: `{"a":"300"}`, want: false},
		{name: "exact string is not a number", pattern: `{"a":["300"]}`, event: `{"a":300}`, want: false},
		{name: "number precision six decimals", pattern: `{"a":[1.0000001]}`, event: `{"a":1}`, want: true},
		{name: "large numbers compare exactly", pattern: `{"a":[1e10]}`, event: `{"a":10000000000}`, want: true},
		{name: "true", pattern: `{"a":[true]}`, event: `{"a":true}`, want: true},
		{name: "true is not the string", pattern: `{"a":[true]}`, event: `{"a":"true"}`, want: false},
		{name: "false", pattern: `{"a":[false]}`, event: `{"a":false}`, want: true},
		{name: "null", pattern: `{"a":[null]}`, event: `{"a":null}`, want: true},
		{name: "null is not empty string", pattern: `{"a":[null]}`, event: `{"a":""}`, want: false},
		{name: "empty string is not null", pattern: `{"a":[""]}`, event: `{"a":null}`, want: false},
		{name: "empty string", pattern: `{"a":[""]}`, event: `{"a":""}`, want: true},
		{name: "null does not match missing", pattern: `{"a":[null]}`, event: `{"b":1}`, want: false},
		{name: "nested", pattern: `{"d":{"s":["on"]}}`, event: `{"d":{"s":"on"}}`, want: true},
		{name: "array intersection", pattern: `{"r":["b","z"]}`, event: `{"r":["a","b"]}`, want: true},
		{name: "array no intersection", pattern: `{"r":["z"]}`, event: `{"r":["a","b"]}`, want: false},
		{name: "prefix", pattern: `{"a":[{"prefix":"ab"}]}`, event: `{"a":"abc"}`, want: true},
		{name: "prefix miss", pattern: `{"a":[{"prefix":"ab"}]}`, event: `{"a":"xab"}`, want: false},
		{name: "prefix only strings", pattern: `{"a":[{"prefix":"1"}]}`, event: `{"a":12}`, want: false},
		{name: "prefix ignore case", pattern: `{"a":[{"prefix":{"equals-ignore-case":"EvEnTb"}}]}`, event: `{"a":"EVENTBridge"}`, want: true},
		{name: "suffix", pattern: `{"a":[{"suffix":".png"}]}`, event: `{"a":"x.png"}`, want: true},
		{name: "suffix miss", pattern: `{"a":[{"suffix":".png"}]}`, event: `{"a":"x.PNG"}`, want: false},
		{name: "suffix ignore case", pattern: `{"a":[{"suffix":{"equals-ignore-case":".png"}}]}`, event: `{"a":"x.PNG"}`, want: true},
		{name: "equals-ignore-case", pattern: `{"a":[{"equals-ignore-case":"alice"}]}`, event: `{"a":"ALICE"}`, want: true},
		{name: "equals-ignore-case miss", pattern: `{"a":[{"equals-ignore-case":"alice"}]}`, event: `{"a":"alicia"}`, want: false},
		{name: "wildcard", pattern: `{"a":[{"wildcard":"dir/*.png"}]}`, event: `{"a":"dir/x/y.png"}`, want: true},
		{name: "wildcard anchored", pattern: `{"a":[{"wildcard":"dir/*.png"}]}`, event: `{"a":"dir/x.png.bak"}`, want: false},
		{name: "wildcard escaped star", pattern: `{"a":[{"wildcard":"a\\*b"}]}`, event: `{"a":"a*b"}`, want: true},
		{name: "wildcard escaped star is literal", pattern: `{"a":[{"wildcard":"a\\*b"}]}`, event: `{"a":"axb"}`, want: false},
		{name: "wildcard escaped backslash", pattern: `{"a":[{"wildcard":"a\\\\*"}]}`, event: `{"a":"a\\zz"}`, want: true},
		{name: "wildcard several", pattern: `{"a":[{"wildcard":"*a*b*"}]}`, event: `{"a":"xxaxxbxx"}`, want: true},
		{name: "anything-but string", pattern: `{"a":[{"anything-but":"x"}]}`, event: `{"a":"y"}`, want: true},
		{name: "anything-but string equal", pattern: `{"a":[{"anything-but":"x"}]}`, event: `{"a":"x"}`, want: false},
		{name: "anything-but missing field", pattern: `{"a":[{"anything-but":"x"}]}`, event: `{"b":"y"}`, want: false},
		{name: "anything-but list", pattern: `{"a":[{"anything-but":["x","y"]}]}`, event: `{"a":"y"}`, want: false},
		{name: "anything-but numbers", pattern: `{"a":[{"anything-but":[100,200]}]}`, event: `{"a":1e2}`, want: false},
		{name: "anything-but numbers other", pattern: `{"a":[{"anything-but":[100,200]}]}`, event: `{"a":100.5}`, want: true},
		{name: "anything-but prefix", pattern: `{"a":[{"anything-but":{"prefix":"us-"}}]}`, event: `{"a":"eu-west-1"}`, want: true},
		{name: "anything-but prefix hit", pattern: `{"a":[{"anything-but":{"prefix":"us-"}}]}`, event: `{"a":"us-east-1"}`, want: false},
		{name: "anything-but suffix", pattern: `{"a":[{"anything-but":{"suffix":".png"}}]}`, event: `{"a":"x.png"}`, want: false},
		{name: "anything-but ignore case", pattern: `{"a":[{"anything-but":{"equals-ignore-case":["X","y"]}}]}`, event: `{"a":"Y"}`, want: false},
		{name: "anything-but wildcard", pattern: `{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}`, event: `{"a":"/usr/bin/x"}`, want: true},
		{name: "anything-but wildcard hit", pattern: `{"a":[{"anything-but":{"wildcard":"*/lib/*"}}]}`, event: `{"a":"/usr/lib/x"}`, want: false},
		{name: "anything-but any array element", pattern: `{"a":[{"anything-but":"x"}]}`, event: `{"a":["x","y"]}`, want: true},
		{name: "numeric range", pattern: `{"a":[{"numeric":[">",0,"<=",5]}]}`, event: `{"a":5}`, want: true},
		{name: "numeric exclusive", pattern: `{"a":[{"numeric":[">",0,"<=",5]}]}`, event: `{"a":0}`, want: false},
		{name: "numeric equals", pattern: `{"a":[{"numeric":["=",301.8]}]}`, event: `{"a":3.018e2}`, want: true},
		{name: "numeric only numbers", pattern: `{"a":[{"numeric":["<",10]}]}`, event: `{"a":"5"}`, want: false},
		{name: "numeric beyond range", pattern: `{"a":[{"numeric":[">",0]}]}`, event: `{"a":6e9}`, want: false},
		{name: "numeric fraction", pattern: `{"a":[{"numeric":["<",0.5]}]}`, event: `{"a":0.499999}`, want: true},
		{name: "cidr v4", pattern: `{"ip":[{"cidr":"10.0.0.0/24"}]}`, event: `{"ip":"10.0.0.255"}`, want: true},
		{name: "cidr v4 miss", pattern: `{"ip":[{"cidr":"10.0.0.0/24"}]}`, event: `{"ip":"10.0.1.0"}`, want: false},
		{name: "cidr v6", pattern: `{"ip":[{"cidr":"2001:db8::/32"}]}`, event: `{"ip":"2001:db8::1"}`, want: true},
		{name: "cidr not an ip", pattern: `{"ip":[{"cidr":"10.0.0.0/8"}]}`, event: `{"ip":"ten"}`, want: false},
		{name: "exists", pattern: `{"a":[{"exists":true}]}`, event: `{"a":null}`, want: true},
		{name: "exists missing", pattern: `{"a":[{"exists":true}]}`, event: `{"b":1}`, want: false},
		{name: "exists leaf only", pattern: `{"a":[{"exists":true}]}`, event: `{"a":{"b":1}}`, want: false},
		{name: "exists empty array", pattern: `{"a":[{"exists":true}]}`, event: `{"a":[]}`, want: false},
		{name: "exists false missing", pattern: `{"a":[{"exists":false}]}`, event: `{"b":1}`, want: true},
		{name: "exists false present", pattern: `{"a":[{"exists":false}]}`, event: `{"a":1}`, want: false},
		{name: "exists false on object", pattern: `{"a":[{"exists":false}]}`, event: `{"a":{"c":1}}`, want: true},
		{name: "exists false parent missing", pattern: `{"a":{"b":[{"exists":false}]}}`, event: `{"c":1}`, want: true},
		{name: "exists false or value", pattern: `{"a":[{"exists":false},"x"]}`, event: `{"a":"x"}`, want: true},
		{name: "or", pattern: `{"$or":[{"a":["x"]},{"b":["y"]}]}`, event: `{"b":"y"}`, want: true},
		{name: "or none", pattern: `{"$or":[{"a":["x"]},{"b":["y"]}]}`, event: `{"a":"y"}`, want: false},
		{name: "or nested", pattern: `{"s":["x"],"$or":[{"a":[1]},{"b":[2],"$or":[{"c":[3]},{"d":[4]}]}]}`, event: `{"s":"x","b":2,"d":4}`, want: true},
		{name: "or inside object", pattern: `{"d":{"$or":[{"a":[1]},{"b":[2]}]}}`, event: `{"d":{"b":2}}`, want: true},
		{name: "$or as field name", pattern: `{"$or":[{"prefix":"a"}]}`, event: `{"$or":"abc"}`, want: true},
		{name: "array consistency", pattern: `{"e":{"f":["Anna"],"l":["Jones"]}}`, event: `{"e":[{"f":"Anna","l":"Smith"},{"f":"Peter","l":"Jones"}]}`, want: false},
		{name: "nested arrays", pattern: `{"e":{"f":["Anna"]}}`, event: `{"e":[[{"f":"John"}],[{"f":"Anna"}]]}`, want: true},
		{name: "duplicate key last wins", pattern: `{"a":["x"]}`, event: `{"a":"x","a":"y"}`, want: false},
		{name: "escaped key", pattern: `{"a":["x"]}`, event: `{"\u0061":"\u0078"}`, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchBoth(t, []byte(tt.pattern), []byte(tt.event)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMalformedEvents(t *testing.T) {
	p, err := Parse([]byte(`{"a":["x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := NewMatcher()
	if err := m.Add("p", p); err != nil {
		t.Fatal(err)
	}
	for _, event := range []string{``, `{`, `[]`, `"x"`, `{"a":"x"} x`, `{"a":tru}`, `{"a":01}`, `{"a":"\q"}`, "{\"a\":\"\x01\"}", "{}\x00", "{} \x00"} {
		if _, err := p.Match([]byte(event)); err == nil {
			t.Errorf("reference on %q: got no error, want one", event)
		}
		if _, err := m.Match([]byte(event)); err == nil {
			t.Errorf("matcher on %q: got no error, want one", event)
		}
	}
}
