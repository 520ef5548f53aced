package eventpattern

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// byteSource turns fuzz input into choices; exhausted input reads zeros.
type byteSource struct{ b []byte }

func (s *byteSource) pick(n int) int {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return int(c) % n
}

var (
	genKeys    = []string{"a", "b", "c", "$or"}
	genStrings = []any{"", "x", "X", "xy", "yx", "10.0.0.1", "10.1.0.1", "ab*c", "a.b", "ü"}
	genNumbers = []any{json.Number("0"), json.Number("1"), json.Number("3.0e2"), json.Number("300"),
		json.Number("-5"), json.Number("5e9"), json.Number("1e10"), json.Number("0.0000001"), json.Number("1.5")}
	genOps = []string{
		`"x"`, `"X"`, `""`, `300`, `3e2`, `1.5`, `true`, `false`, `null`, `1e10`,
		`{"prefix":"x"}`, `{"prefix":""}`, `{"suffix":"y"}`, `{"prefix":{"equals-ignore-case":"X"}}`,
		`{"suffix":{"equals-ignore-case":"Y"}}`, `{"equals-ignore-case":"x"}`, `{"wildcard":"a*c"}`,
		`{"wildcard":"*"}`, `{"wildcard":"x*"}`, `{"anything-but":"x"}`, `{"anything-but":[300,1]}`,
		`{"anything-but":{"prefix":"x"}}`, `{"anything-but":{"suffix":"x"}}`,
		`{"anything-but":{"equals-ignore-case":["X","Y"]}}`, `{"anything-but":{"wildcard":"*y"}}`,
		`{"numeric":[">",0,"<=",300]}`, `{"numeric":["=",1.5]}`, `{"numeric":["<",0]}`, `{"numeric":[">=",5e9]}`,
		`{"cidr":"10.0.0.0/16"}`, `{"exists":true}`, `{"exists":false}`,
	}
)

func genEventValue(s *byteSource, depth int) any {
	switch s.pick(6) {
	case 0:
		return genStrings[s.pick(len(genStrings))]
	case 1:
		return genNumbers[s.pick(len(genNumbers))]
	case 2:
		return []any{true, false, nil}[s.pick(3)]
	case 3:
		if depth < 3 {
			n := s.pick(4)
			arr := make([]any, n)
			for i := range arr {
				arr[i] = genEventValue(s, depth+1)
			}
			return arr
		}
	}
	if depth < 3 {
		return genEventObject(s, depth+1)
	}
	return "x"
}

func genEventObject(s *byteSource, depth int) map[string]any {
	obj := map[string]any{}
	for range s.pick(4) {
		obj[genKeys[s.pick(len(genKeys))]] = genEventValue(s, depth)
	}
	return obj
}

func genPattern(s *byteSource, depth int) string {
	n := 1 + s.pick(3)
	seen := map[string]bool{}
	out := "{"
	for range n {
		k := genKeys[s.pick(3)]
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(seen) > 1 {
			out += ","
		}
		out += fmt.Sprintf("%q:", k) + genPatternValue(s, depth)
	}
	if depth < 2 && s.pick(4) == 0 {
		out += `,"$or":[` + genPattern(s, depth+1) + "," + genPattern(s, depth+1) + "]"
	}
	return out + "}"
}

func genPatternValue(s *byteSource, depth int) string {
	if depth < 2 && s.pick(3) == 0 {
		return genPattern(s, depth+1)
	}
	out := "[" + genOps[s.pick(len(genOps))]
	if s.pick(3) == 0 {
		out += "," + genOps[s.pick(len(genOps))]
	}
	return out + "]"
}

// checkAgree compares the reference and the Matcher on patterns and event.
func checkAgree(t *testing.T, patterns [][]byte, event []byte) {
	m, _ := NewMatcher()
	var parsed []*Pattern
	for i, pb := range patterns {
		p, err := Parse(pb)
		if err != nil {
			continue
		}
		parsed = append(parsed, p)
		if err := m.Add(fmt.Sprint(i), p); err != nil {
			t.Fatal(err)
		}
		_ = i
	}
	ids, merr := m.Match(event)
	got := map[string]bool{}
	for _, id := range ids {
		got[id] = true
	}
	for i, pb := range patterns {
		p, err := Parse(pb)
		if err != nil {
			continue
		}
		want, rerr := p.Match(event)
		if (rerr != nil) != (merr != nil) {
			t.Fatalf("pattern %s event %s: reference error %v, matcher error %v", pb, event, rerr, merr)
		}
		if got[fmt.Sprint(i)] != want {
			t.Fatalf("pattern %s event %s: matcher %v, reference %v", pb, event, got[fmt.Sprint(i)], want)
		}
	}
	_ = parsed
}

func FuzzMatchersAgree(f *testing.F) {
	f.Add([]byte("seed"), []byte{3, 1, 4, 1, 5, 9, 2, 6})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []byte{9, 8, 7, 6, 5, 4, 3, 2, 1, 0})
	f.Fuzz(func(t *testing.T, pbytes, ebytes []byte) {
		ps := &byteSource{b: pbytes}
		patterns := [][]byte{[]byte(genPattern(ps, 0)), []byte(genPattern(ps, 0)), []byte(genPattern(ps, 0))}
		es := &byteSource{b: ebytes}
		event, err := json.Marshal(genEventObject(es, 0))
		if err != nil {
			t.Fatal(err)
		}
		checkAgree(t, patterns, event)
	})
}

func FuzzMatchersAgreeRaw(f *testing.F) {
	f.Add([]byte(`{"a":["x"]}`), []byte(`{"a":"x"}`))
	f.Add([]byte(`{"a":{"b":[{"exists":true}],"c":[{"exists":true}]}}`), []byte(`{"a":[{"b":1},{"c":2}]}`))
	f.Add([]byte(`{"a":[{"exists":false}]}`), []byte(`{"a":{"b":1},"a":2}`))
	f.Add([]byte(`{"a":["\u00fc"]}`), []byte("{\"a\":\"\\u00fc\",\"b\":\"\xff\"}"))
	f.Add([]byte(`{"a":[300]}`), []byte(`{"a":3.0e2} `))
	f.Add([]byte(`{"detail-type":["x"],"a\u0062":[{"prefix":"y"}]}`),
		[]byte(`{ "detail-type" : "x", "skip":{"k":["\"",[{}],-0.5e+1,null]}, "ab" : "yz\n" }`))
	f.Fuzz(func(t *testing.T, pattern, event []byte) {
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				panic(fmt.Sprintf("slow: pattern %q event %q", pattern, event))
			}
		}()
		checkAgree(t, [][]byte{pattern}, event)
		close(done)
	})
}

func FuzzParse(f *testing.F) {
	for _, op := range genOps {
		f.Add([]byte(`{"a":[` + op + `]}`))
	}
	f.Add([]byte(`{"$or":[{"a":[1]},{"b":{"c":[{"wildcard":"x\\*y"}]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			return
		}
		again, err := p.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(again); err != nil {
			t.Fatalf("re-parsing %s: %v", again, err)
		}
	})
}
