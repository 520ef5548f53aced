package interp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// newTestInterp returns an interpreter on a virtual clock with
// deterministic UUIDs and randomness.
func newTestInterp(t testing.TB, opts ...Option) *Interpreter {
	t.Helper()
	n := 0
	base := []Option{
		WithClock(NewVirtualClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))),
		WithRandom(func() string { n++; return "00000000-0000-0000-0000-" + padInt(n) }, func() float64 { return 0.5 }),
	}
	in, err := New(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func padInt(n int) string {
	s := itoa(n)
	for len(s) < 12 {
		s = "0" + s
	}
	return s
}

// loadDef loads testdata/<name>.json5 (or an inline definition).
func loadDef(t testing.TB, in *Interpreter, def string) *Machine {
	t.Helper()
	data := []byte(def)
	if len(def) > 0 && def[0] != '{' {
		var err error
		if data, err = os.ReadFile(filepath.Join("testdata", def)); err != nil {
			t.Fatal(err)
		}
	}
	m, err := in.Load("test", data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func decode(t testing.TB, s string) any {
	t.Helper()
	if s == "" {
		return map[string]any{}
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return v
}

func encode(v any) string { return string(mustJSON(v)) }

// run executes def on input and returns the result.
func run(t testing.TB, in *Interpreter, def, input string) (*Result, *Execution) {
	t.Helper()
	m := loadDef(t, in, def)
	res, e, err := in.Run(t.Context(), m, decode(t, input))
	if err != nil {
		t.Fatal(err)
	}
	return res, e
}

func decodeJSONValue(b []byte) (any, error) {
	var v any
	err := json.Unmarshal(b, &v)
	return v, err
}
