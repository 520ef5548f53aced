package runner

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	g := NewRegistry()
	called := ""
	g.Register("local-shell-cmd", Func(func(_ context.Context, req Request) (Result, error) {
		called = req.Action.Runner
		return Result{Status: StatusSucceeded}, nil
	}))
	g.Register("noop", Noop)
	tests := []struct {
		name    string
		runner  string
		wantErr error
	}{
		{name: "canonical", runner: "local-shell-cmd"},
		{name: "alias", runner: "run-local"},
		{name: "noop", runner: "noop"},
		{name: "unknown", runner: "winrm-cmd", wantErr: ErrUnknownRunner},
		{name: "alias of unregistered", runner: "run-remote", wantErr: ErrUnknownRunner},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := g.Run(t.Context(), Request{Action: Action{Runner: tt.runner}})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil && (res.Status != StatusFailed || !strings.Contains(res.Result.(map[string]any)["error"].(string), tt.runner)) {
				t.Errorf("got %v, want a failed result naming %s", res, tt.runner)
			}
		})
	}
	if called != "run-local" {
		t.Errorf("alias ran %q, want the local-shell-cmd runner", called)
	}
	if got := g.Names(); !reflect.DeepEqual(got, []string{"local-shell-cmd", "noop"}) {
		t.Errorf("Names: got %v", got)
	}
}

func TestNoop(t *testing.T) {
	res, err := Noop.Run(t.Context(), Request{})
	want := map[string]any{"failed": false, "succeeded": true, "return_code": 0}
	if err != nil || res.Status != StatusSucceeded || !reflect.DeepEqual(res.Result, want) {
		t.Errorf("got %v %v, want succeeded %v", res, err, want)
	}
}

func TestSecrets(t *testing.T) {
	req := Request{
		AuthToken: "tok-123",
		Action: Action{Parameters: map[string]Param{
			"password": {Secret: true}, "pin": {Secret: true}, "user": {}, "quote": {Secret: true}, "empty": {Secret: true},
		}},
		Parameters: map[string]any{"password": "hunter2", "pin": 1234.0, "user": "bob", "quote": "it's", "empty": ""},
	}
	tests := []struct {
		name, in, want string
	}{
		{"password", "login with hunter2 failed", "login with ******** failed"},
		{"number", "pin 1234", "pin ********"},
		{"token", "token tok-123", "token ********"},
		{"shell quoted", `echo 'it'"'"'s'`, `echo '********'`},
		{"not secret", "user bob", "user bob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := req.Redact(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	masked := MaskSecrets(req.Parameters, req.Action.Parameters)
	if masked["password"] != Masked || masked["user"] != "bob" || req.Parameters["password"] != "hunter2" {
		t.Errorf("MaskSecrets: got %v (original %v)", masked, req.Parameters)
	}
	base := errors.New("bad password hunter2")
	err := req.RedactError(base)
	if !errors.Is(err, base) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("RedactError: got %q, want the secret masked and the cause kept", err)
	}
}

func TestParameters(t *testing.T) {
	req := Request{
		Action:     Action{Parameters: map[string]Param{"cmd": {Runner: true}}},
		Parameters: map[string]any{"s": "x", "b": true, "n": "2.5", "o": `{"k": 1}`, "l": "a,b", "cmd": "ls", "bad": 3.0},
	}
	if s, err := req.String("s", ""); err != nil || s != "x" {
		t.Errorf("String: got %q %v", s, err)
	}
	if s, err := req.String("absent", "def"); err != nil || s != "def" {
		t.Errorf("String default: got %q %v", s, err)
	}
	var pe *ParameterError
	if _, err := req.String("bad", ""); !errors.As(err, &pe) || pe.Name != "bad" {
		t.Errorf("String of a number: got %v, want a ParameterError", err)
	}
	if b, err := req.Bool("b", false); err != nil || !b {
		t.Errorf("Bool: got %v %v", b, err)
	}
	if n, err := req.Number("n", 0); err != nil || n != 2.5 {
		t.Errorf("Number: got %v %v", n, err)
	}
	if o, err := req.Object("o"); err != nil || o["k"] != 1.0 {
		t.Errorf("Object: got %v %v", o, err)
	}
	if l, err := req.Strings("l"); err != nil || !reflect.DeepEqual(l, []string{"a", "b"}) {
		t.Errorf("Strings: got %v %v", l, err)
	}
	if ap := req.ActionParameters(); ap["cmd"] != nil || ap["s"] != "x" {
		t.Errorf("ActionParameters: got %v, want runner parameters left out", ap)
	}
}

func TestPyStr(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"none", nil, "None"},
		{"true", true, "True"},
		{"int float", 42.0, "42"},
		{"float", 0.1, "0.1"},
		{"small float", 0.00001, "1e-05"},
		{"big float", 1.5e17, "1.5e+17"},
		{"int", 7, "7"},
		{"string in list", []any{"it's"}, `["it's"]`},
		{"escapes", []any{"a\nb\\"}, `['a\nb\\']`},
		{"nested", map[string]any{"b": []any{}, "a": map[string]any{}}, "{'a': {}, 'b': []}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PyStr(tt.in); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestStatusFinal(t *testing.T) {
	for _, s := range []Status{StatusSucceeded, StatusFailed, StatusTimeout, StatusCanceled, StatusAbandoned} {
		if !s.Final() {
			t.Errorf("%s: got not final, want final", s)
		}
	}
	for _, s := range []Status{StatusPending, StatusRunning, StatusPaused, "requested"} {
		if s.Final() {
			t.Errorf("%s: got final, want not final", s)
		}
	}
}

func TestParamReaderKeepsFirstError(t *testing.T) {
	req := Request{Parameters: map[string]any{"a": 1.0, "b": "x", "c": "not a bool"}}
	p := req.Params()
	if got := p.String("b", ""); got != "x" {
		t.Errorf("String: got %q, want x", got)
	}
	if got := p.String("a", "def"); got != "def" {
		t.Errorf("String of a number: got %q, want the default", got)
	}
	p.Bool("c", false)
	var pe *ParameterError
	if !errors.As(p.Err(), &pe) || pe.Name != "a" {
		t.Errorf("Err: got %v, want the error for a", p.Err())
	}
}
