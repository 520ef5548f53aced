package main

import (
	"runtime/debug"
	"testing"
)

// TestSetGCPercent checks that up's --gogc sets the collector's target,
// defaults to the engine's, and refuses a negative value other than -1.
func TestSetGCPercent(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		args []string
		want int
		bad  bool
	}{
		{args: nil, want: 300},
		{args: []string{"--gogc", "150"}, want: 150},
		{args: []string{"--gogc", "-1"}, want: -1},
		{args: []string{"--gogc", "-5"}, bad: true},
	} {
		debug.SetGCPercent(100)
		cmd := newUpCmd()
		if err := cmd.Flags().Parse(c.args); err != nil {
			t.Fatal(err)
		}
		err := setGCPercent(cmd)
		if c.bad {
			if err == nil {
				t.Errorf("%v: no error", c.args)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if got := debug.SetGCPercent(100); got != c.want {
			t.Errorf("%v: GC percent %d, want %d", c.args, got, c.want)
		}
	}
}
