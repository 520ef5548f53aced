package eventpattern

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

func mustParse(t testing.TB, s string) *Pattern {
	t.Helper()
	p, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMatcherAddDelete(t *testing.T) {
	m, err := NewMatcher()
	if err != nil {
		t.Fatal(err)
	}
	event := []byte(`{"source":"a","n":5}`)
	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{name: "empty", do: func() {}, want: nil},
		{name: "add two", do: func() {
			_ = m.Add("b", mustParse(t, `{"source":["a"]}`))
			_ = m.Add("a", mustParse(t, `{"n":[{"numeric":[">",1]}]}`))
		}, want: []string{"a", "b"}},
		{name: "replace", do: func() { _ = m.Add("a", mustParse(t, `{"n":[{"numeric":[">",10]}]}`)) }, want: []string{"b"}},
		{name: "delete", do: func() { m.Delete("b") }, want: nil},
		{name: "delete unknown", do: func() { m.Delete("zzz") }, want: nil},
	}
	for _, s := range steps {
		s.do()
		got, err := m.Match(event)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("%s: got %v, want %v", s.name, got, s.want)
		}
	}
	if err := m.Add("", mustParse(t, `{"a":[1]}`)); err == nil {
		t.Error("empty id: got nil, want an error")
	}
	if err := m.Add("x", nil); err == nil {
		t.Error("nil pattern: got nil, want an error")
	}
}

// TestMatcherConcurrent adds, deletes and matches from several goroutines;
// run it with -race.
func TestMatcherConcurrent(t *testing.T) {
	m, _ := NewMatcher()
	stable := mustParse(t, `{"source":["s"]}`)
	if err := m.Add("stable", stable); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 50 {
				id := fmt.Sprintf("g%d-%d", g, i)
				_ = m.Add(id, mustParse(t, fmt.Sprintf(`{"source":["s"],"n":[%d]}`, i)))
				if i%2 == 0 {
					m.Delete(id)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 200 {
				ids, err := m.Match([]byte(`{"source":"s","n":3}`))
				if err != nil || !slices.Contains(ids, "stable") {
					t.Errorf("got %v, %v, want stable among the ids", ids, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestInvalidEventErrors(t *testing.T) {
	p := mustParse(t, `{"a":["x"]}`)
	m, _ := NewMatcher()
	if err := m.Add("p", p); err != nil {
		t.Fatal(err)
	}
	for _, event := range []string{`{"a":`, `[1]`, `{"a":"x"}}`} {
		if _, err := m.Match([]byte(event)); !errors.Is(err, ErrInvalidEvent) {
			t.Errorf("matcher on %s: got %v, want ErrInvalidEvent", event, err)
		}
		if _, err := p.Match([]byte(event)); !errors.Is(err, ErrInvalidEvent) {
			t.Errorf("reference on %s: got %v, want ErrInvalidEvent", event, err)
		}
	}
	if _, err := p.MatchValue(map[string]any{"a": struct{}{}}); !errors.Is(err, ErrInvalidEvent) {
		t.Errorf("MatchValue: got %v, want ErrInvalidEvent", err)
	}
}
