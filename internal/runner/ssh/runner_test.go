package ssh

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/runner"
)

func pos(i int) *int { return &i }

var specs = map[string]runner.Param{
	"hosts": {Type: "string", Runner: true}, "cmd": {Type: "string", Runner: true},
	"password": {Type: "string", Secret: true, Runner: true}, "private_key": {Type: "string", Secret: true, Runner: true},
	"username": {Type: "string", Runner: true}, "timeout": {Type: "integer", Runner: true},
	"dir": {Type: "string", Runner: true}, "cwd": {Type: "string", Runner: true}, "env": {Type: "object", Runner: true},
	"parallel": {Type: "boolean", Runner: true}, "bastion_host": {Type: "string", Runner: true},
	"passphrase": {Type: "string", Secret: true, Runner: true}, "sudo": {Type: "boolean", Runner: true},
	"who": {Type: "string"}, "count": {Type: "integer", Position: pos(0)},
}

func request(params map[string]any) runner.Request {
	return runner.Request{
		ExecutionID: "exec-7",
		Action:      runner.Action{Ref: "core.remote", Pack: "core", Name: "remote", Parameters: specs},
		Parameters:  params,
	}
}

func mustCmd(t *testing.T, opts ...Option) *Runner {
	t.Helper()
	r, err := NewCmd(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func hostOf(t *testing.T, res runner.Result, host string) map[string]any {
	t.Helper()
	m, ok := res.Result.(map[string]any)[host].(map[string]any)
	if !ok {
		t.Fatalf("no result for %s in %v", host, res.Result)
	}
	return m
}

func TestRemoteCmd(t *testing.T) {
	key, pub := clientKey(t, "")
	srv := startServer(t, pub)
	host := fmt.Sprintf("127.0.0.1:%d", srv.port)
	base := map[string]any{"hosts": host, "username": srv.user, "password": srv.password}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name       string
		params     map[string]any
		wantStatus runner.Status
		wantCode   int
		wantStdout any
	}{
		{name: "password", params: with(map[string]any{"cmd": "echo hi"}), wantStatus: runner.StatusSucceeded, wantStdout: "hi"},
		{name: "key material", params: map[string]any{"hosts": host, "username": srv.user, "private_key": key, "cmd": "echo key"}, wantStatus: runner.StatusSucceeded, wantStdout: "key"},
		{name: "json stdout", params: with(map[string]any{"cmd": `echo '[1, "a"]'`}), wantStatus: runner.StatusSucceeded, wantStdout: []any{1.0, "a"}},
		{name: "exit code", params: with(map[string]any{"cmd": "echo oops >&2; exit 3"}), wantStatus: runner.StatusFailed, wantCode: 3, wantStdout: ""},
		{name: "env and cwd", params: with(map[string]any{"cmd": `echo "$FOO $ST2_ACTION_EXECUTION_ID $(pwd)"`, "env": map[string]any{"FOO": "b a r"}, "cwd": "/"}), wantStatus: runner.StatusSucceeded, wantStdout: "b a r exec-7 /"},
		{name: "default cwd is /tmp", params: with(map[string]any{"cmd": "pwd"}), wantStatus: runner.StatusSucceeded, wantStdout: "/tmp"},
		{name: "bastion", params: with(map[string]any{"cmd": "echo via", "bastion_host": host}), wantStatus: runner.StatusSucceeded, wantStdout: "via"},
	}
	r := mustCmd(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(t.Context(), request(tt.params))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			h := hostOf(t, res, "127.0.0.1")
			if res.Status != tt.wantStatus || h["return_code"] != tt.wantCode {
				t.Errorf("got %s return_code %v, want %s %d (%v)", res.Status, h["return_code"], tt.wantStatus, tt.wantCode, h)
			}
			if !equalJSON(h["stdout"], tt.wantStdout) {
				t.Errorf("stdout: got %#v, want %#v", h["stdout"], tt.wantStdout)
			}
			if h["succeeded"] != (tt.wantCode == 0) || h["failed"] == h["succeeded"] {
				t.Errorf("succeeded/failed: got %v/%v", h["succeeded"], h["failed"])
			}
		})
	}
}

func TestCredentials(t *testing.T) {
	plain, pub := clientKey(t, "")
	srv := startServer(t, pub)
	host := fmt.Sprintf("127.0.0.1:%d", srv.port)
	keyFile := filepath.Join(t.TempDir(), "id")
	if err := os.WriteFile(keyFile, []byte(plain), 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Set(t.Context(), datastore.Key{Scope: datastore.ScopeSystem, Name: "ssh_key"}, plain, datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		opts   []Option
		params map[string]any
		ok     bool
	}{
		{name: "key file path", params: map[string]any{"private_key": keyFile}, ok: true},
		{name: "default key file", opts: []Option{WithDefaultKeyFile(keyFile)}, ok: true},
		{name: "default key from datastore", opts: []Option{WithDefaultKeyFromDatastore(datastore.ScopeSystem, "ssh_key")}, ok: true},
		{name: "default user", opts: []Option{WithDefaultUser(srv.user)}, params: map[string]any{"username": nil, "password": srv.password}, ok: true},
		{name: "wrong password", params: map[string]any{"password": "not-it-pw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]any{"hosts": host, "username": srv.user, "cmd": "true"}
			for k, v := range tt.params {
				params[k] = v
			}
			req := request(params)
			req.Datastore = store
			res, err := mustCmd(t, tt.opts...).Run(t.Context(), req)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if got := res.Status == runner.StatusSucceeded; got != tt.ok {
				t.Fatalf("succeeded: got %v, want %v (%v)", got, tt.ok, res.Result)
			}
			if tt.ok {
				return
			}
			h := hostOf(t, res, "127.0.0.1")
			msg, _ := h["error"].(string)
			if h["return_code"] != 255 || !strings.Contains(msg, "Failed connecting to host 127.0.0.1.") || strings.Contains(msg, "not-it-pw") {
				t.Errorf("got %v, want return_code 255 and a connection error without the password", h)
			}
		})
	}
}

func TestPassphraseKey(t *testing.T) {
	key, pub := clientKey(t, "open sesame")
	srv := startServer(t, pub)
	params := map[string]any{"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "private_key": key, "passphrase": "open sesame", "cmd": "echo ok"}
	res, err := mustCmd(t).Run(t.Context(), request(params))
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded (%v)", res.Status, err, res.Result)
	}
	params["passphrase"] = "wrong"
	if _, err := mustCmd(t).Run(t.Context(), request(params)); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong passphrase: got %v, want an error that does not show it", err)
	}
}

func TestHostsParallelAndPartialFailure(t *testing.T) {
	srv := startServer(t, nil)
	good := fmt.Sprintf("127.0.0.1:%d,localhost:%d", srv.port, srv.port)
	// A barrier: each host's command waits (up to 10 s) until both have
	// started, so the run succeeds only if the hosts run in parallel, however
	// loaded the machine is.
	barrier := t.TempDir()
	cmd := fmt.Sprintf(`d=%s; touch "$d/$$"; i=0; while [ "$(ls "$d" | wc -l)" -lt 2 ]; do i=$((i+1)); [ $i -gt 200 ] && exit 3; sleep 0.05; done; echo done`, barrier)
	params := map[string]any{"username": srv.user, "password": srv.password, "cmd": cmd}
	params["hosts"] = good
	res, err := mustCmd(t).Run(t.Context(), request(params))
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v %v, want succeeded (both hosts running at once)", res.Status, err, res.Result)
	}
	if len(res.Result.(map[string]any)) != 2 || hostOf(t, res, "localhost")["stdout"] != "done" {
		t.Errorf("got %v, want results for 127.0.0.1 and localhost", res.Result)
	}
	params["hosts"] = good + ",[::1]:1"
	params["cmd"] = "echo x"
	res, _ = mustCmd(t).Run(t.Context(), request(params))
	if res.Status != runner.StatusFailed || hostOf(t, res, "::1")["failed"] != true {
		t.Errorf("one host down: got %s, want failed with ::1 failed", res.Status)
	}
	res, _ = mustCmd(t, WithPartialFailure(true)).Run(t.Context(), request(params))
	if res.Status != runner.StatusSucceeded {
		t.Errorf("partial failure allowed: got %s, want succeeded", res.Status)
	}
}

func TestTimeout(t *testing.T) {
	srv := startServer(t, nil)
	params := map[string]any{"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "password": srv.password, "cmd": "echo before; sleep 30", "timeout": 1.0}
	start := time.Now()
	res, err := mustCmd(t).Run(t.Context(), request(params))
	if err != nil {
		t.Fatal(err)
	}
	h := hostOf(t, res, "127.0.0.1")
	if res.Status != runner.StatusTimeout || h["timeout"] != true || h["return_code"] != -9 {
		t.Errorf("got %s %v, want timeout with return_code -9", res.Status, h)
	}
	if h["stdout"] != "before\n" || !strings.Contains(h["error"].(string), "didn't finish in 1 seconds") {
		t.Errorf("got stdout %q error %q", h["stdout"], h["error"])
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s, want about 1s", d)
	}
}

func TestCancel(t *testing.T) {
	srv := startServer(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(300*time.Millisecond, cancel)
	res, _ := mustCmd(t).Run(ctx, request(map[string]any{"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "password": srv.password, "cmd": "sleep 30"}))
	if res.Status != runner.StatusCanceled {
		t.Errorf("got %s, want canceled", res.Status)
	}
}

func TestStreamsWithHost(t *testing.T) {
	srv := startServer(t, nil)
	req := request(map[string]any{"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "password": srv.password, "cmd": "echo a; echo b >&2"})
	var mu sync.Mutex
	var got []runner.Line
	req.Output = func(l runner.Line) { mu.Lock(); got = append(got, l); mu.Unlock() }
	if _, err := mustCmd(t).Run(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	want := map[runner.Line]bool{{Stream: runner.Stdout, Host: "127.0.0.1", Text: "a\n"}: true, {Stream: runner.Stderr, Host: "127.0.0.1", Text: "b\n"}: true}
	if len(got) != 2 || !want[got[0]] || !want[got[1]] {
		t.Errorf("got lines %v, want a on stdout and b on stderr from 127.0.0.1", got)
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]any
		want   error
	}{
		{name: "sudo", params: map[string]any{"hosts": "h", "password": "p", "cmd": "id", "sudo": true}, want: runner.ErrSudoRefused},
		{name: "no hosts", params: map[string]any{"hosts": " , ", "password": "p", "cmd": "id"}, want: ErrNoHosts},
		{name: "no credentials", params: map[string]any{"hosts": "h", "cmd": "id"}, want: ErrNoCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mustCmd(t).Run(t.Context(), request(tt.params))
			if !errors.Is(err, tt.want) || res.Status != runner.StatusFailed {
				t.Errorf("got %s %v, want failed with %v", res.Status, err, tt.want)
			}
		})
	}
}

func TestRemoteScript(t *testing.T) {
	srv := startServer(t, nil)
	entry, err := filepath.Abs("testdata/actions/remote_args.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	req := request(map[string]any{
		"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "password": srv.password,
		"dir": dir, "who": "the world", "count": 3.0,
	})
	req.Action.EntryPoint = entry
	r, err := NewScript()
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Run(t.Context(), req)
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded (%v)", res.Status, err, res.Result)
	}
	if got, want := hostOf(t, res, "127.0.0.1")["stdout"], "[--who=the world]\n[3]\nlib says hi"; got != want {
		t.Errorf("stdout: got %q, want %q", got, want)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("remote dir not cleaned up: %v", left)
	}
}

func TestParseHosts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []target
	}{
		{"plain", "a,b", []target{{"a", 22}, {"b", 22}}},
		{"ports and spaces", " a:2222 , b ", []target{{"a", 2222}, {"b", 22}}},
		{"ipv6", "[::1]:2200,::1", []target{{"::1", 2200}}},
		{"empty", ",,", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseHosts(tt.in, 22)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConcurrency(t *testing.T) {
	tests := []struct {
		name       string
		hosts, max int
		want       int
	}{
		{"one host", 1, 10, 1},
		{"all hosts", 7, 10, 7},
		{"capped", 300, 10, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{r: &Runner{maxParallel: tt.max}, targets: make([]target, tt.hosts)}
			if got := j.concurrency(); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestErrorsHideSecrets(t *testing.T) {
	srv := startServer(t, nil)
	req := request(map[string]any{
		"hosts": fmt.Sprintf("127.0.0.1:%d", srv.port), "username": srv.user, "password": srv.password,
		"cmd": "sleep 30 # uses tok-s3cret", "timeout": 1.0, "api_token": "tok-s3cret",
	})
	req.Action.Parameters = map[string]runner.Param{"api_token": {Type: "string", Secret: true}}
	req.AuthToken = "st2-auth-token"
	res, err := mustCmd(t).Run(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	msg := hostOf(t, res, "127.0.0.1")["error"].(string)
	if !strings.Contains(msg, "Failed executing command") || strings.Contains(msg, "tok-s3cret") || strings.Contains(msg, "st2-auth-token") {
		t.Errorf("error %q: want the command with its secrets masked", msg)
	}
	if !strings.Contains(msg, runner.Masked) {
		t.Errorf("error %q: want %s in place of the secrets", msg, runner.Masked)
	}
}
