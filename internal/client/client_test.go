package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/execution"
)

// newClient returns a client of s.
func newClient(t *testing.T, s *clienttest.Server, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(s.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wait polls execution id until it is final.
func wait(t *testing.T, c *client.Client, id string) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		e, err := c.Execution(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status.Final() {
			return e
		}
	}
	t.Fatalf("execution %s never ended", id)
	return execution.Execution{}
}

// wantStatus checks that err is an *Error with status and a fault holding
// part.
func wantStatus(t *testing.T, err error, status int, part string) {
	t.Helper()
	var e *client.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error with HTTP %d", err, status)
	}
	if e.Status != status || !strings.Contains(e.Fault, part) {
		t.Errorf("got HTTP %d %q, want %d and a fault holding %q", e.Status, e.Fault, status, part)
	}
	if !strings.Contains(e.Error(), "HTTP ") || !strings.Contains(e.Error(), e.Fault) {
		t.Errorf("got message %q, want the status and the fault", e.Error())
	}
}

func TestNewChecksTheURL(t *testing.T) {
	tests := []struct {
		name, url, want string
		fails           bool
	}{
		{name: "plain", url: "http://127.0.0.1:9101", want: "http://127.0.0.1:9101"},
		{name: "api suffix", url: "http://127.0.0.1:9101/api/v1/", want: "http://127.0.0.1:9101"},
		{name: "behind a prefix", url: "https://example.com/st2/", want: "https://example.com/st2"},
		{name: "no scheme", url: "127.0.0.1:9101", fails: true},
		{name: "ftp", url: "ftp://host", fails: true},
		{name: "credentials in the URL", url: "http://u:p@host", fails: true},
		{name: "query", url: "http://host?st2-api-key=x", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(tt.url)
			if (err != nil) != tt.fails {
				t.Fatalf("got error %v, want failure %v", err, tt.fails)
			}
			if err == nil && c.URL() != tt.want {
				t.Errorf("got %s, want %s", c.URL(), tt.want)
			}
			if err != nil && strings.Contains(err.Error(), ":p@") {
				t.Errorf("got %q, want the password left out", err)
			}
		})
	}
	if _, err := client.New("http://host", client.WithAPIKey("a\nb")); err == nil {
		t.Error("got no error for an API key with a line break")
	}
}

func TestCatalog(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	ctx := t.Context()
	if err := c.Health(ctx); err != nil {
		t.Fatal(err)
	}
	actions, err := c.Actions(ctx, "clitest")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, a := range actions {
		refs = append(refs, a.Ref)
	}
	if got := strings.Join(refs, " "); got != "clitest.approve clitest.fail clitest.lines clitest.types" {
		t.Errorf("got actions %s", got)
	}
	a, err := c.Action(ctx, "clitest.lines")
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Parameters["count"]; p == nil || p.Name != "count" || p.Type != "integer" || !p.HasDefault || a.Parameters["cmd"] == nil {
		t.Errorf("got parameters %+v, want count (integer, default) and the runner's cmd", a.Parameters)
	}
	_, err = c.Action(ctx, "clitest.nope")
	wantStatus(t, err, http.StatusNotFound, "clitest.nope")
	if !client.IsNotFound(err) {
		t.Error("IsNotFound: got false, want true")
	}

	yes := true
	rules, err := c.Rules(ctx, client.RuleFilter{Pack: "clitest", Enabled: &yes})
	if err != nil || len(rules) != 1 {
		t.Fatalf("got %v, %v, want one rule", rules, err)
	}
	r, err := c.Rule(ctx, "clitest.types_on_webhook")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Criteria) != 1 || r.Criteria[0].Key != "trigger.body.name" || r.Criteria[0].Type != "exists" || len(r.EventPattern) == 0 {
		t.Errorf("got criteria %+v, pattern %s", r.Criteria, r.EventPattern)
	}
	tt, err := c.TriggerType(ctx, "core.st2.webhook")
	if err != nil || !tt.Builtin {
		t.Errorf("got %+v, %v, want the built-in webhook trigger type", tt, err)
	}
	types, err := c.TriggerTypes(ctx, "")
	if err != nil || len(types) < 5 {
		t.Errorf("got %d trigger types, %v", len(types), err)
	}
	packs, err := c.Packs(ctx)
	got := map[string]bool{}
	for _, p := range packs {
		got[p.Ref] = true
	}
	if err != nil || !got["core"] || !got["examples"] || !got["clitest"] {
		t.Errorf("got packs %v, %v, want core, examples and clitest among them", got, err)
	}
	p, err := c.Pack(ctx, "clitest")
	if err != nil || p.Version != "0.1.0" {
		t.Errorf("got %+v, %v", p, err)
	}
}

func TestRunAndFollow(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	ctx := t.Context()
	stream, err := c.Stream(ctx, client.EventExecutionCreate, client.EventExecutionUpdate)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	e, err := c.Run(ctx, "clitest.lines", map[string]any{"count": 2, "pause": 0})
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == "" || e.Action.Ref != "clitest.lines" {
		t.Fatalf("got %+v", e)
	}
	final := wait(t, c, e.ID)
	if final.Status != execution.StatusSucceeded {
		t.Fatalf("got status %s, want succeeded", final.Status)
	}
	out, err := c.Output(ctx, e.ID, "")
	if err != nil || out != "line 1\nline 2\n" {
		t.Errorf("got output %q, %v", out, err)
	}
	out, err = c.Output(ctx, e.ID, execution.Stderr)
	if err != nil || out != "" {
		t.Errorf("got stderr %q, %v, want none", out, err)
	}
	// The stream reported the execution's creation and its end.
	seen := map[string]bool{}
	for !seen[string(execution.StatusSucceeded)] {
		ev, err := stream.Next()
		if err != nil {
			t.Fatalf("reading stream: %v (saw %v)", err, seen)
		}
		x, err := ev.Execution()
		if err != nil {
			t.Fatal(err)
		}
		if x.ID == e.ID {
			seen[ev.Name] = true
			seen[string(x.Status)] = true
		}
	}
	if !seen[client.EventExecutionCreate] {
		t.Errorf("got events %v, want a create", seen)
	}

	failed, err := c.Run(ctx, "clitest.fail", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := wait(t, c, failed.ID); got.Status != execution.StatusFailed {
		t.Errorf("got %s, want failed", got.Status)
	}
	page, err := c.Executions(ctx, client.ExecutionFilter{Action: "clitest.lines", Paging: client.Paging{Limit: 5}})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != e.ID {
		t.Errorf("got %+v, %v, want the one run of clitest.lines", page, err)
	}
	page, err = c.Executions(ctx, client.ExecutionFilter{Status: execution.StatusFailed, ExcludeResult: true})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != failed.ID || page.Items[0].Result != nil {
		t.Errorf("got %+v, %v, want the failed run without its result", page, err)
	}
	page, err = c.Executions(ctx, client.ExecutionFilter{Paging: client.Paging{Limit: 1}})
	if err != nil || len(page.Items) != 1 || page.Next == "" {
		t.Fatalf("got %+v, %v, want one item and a next marker", page, err)
	}
	next, err := c.Executions(ctx, client.ExecutionFilter{Paging: client.Paging{Limit: 1, Marker: page.Next}})
	if err != nil || len(next.Items) != 1 || next.Items[0].ID == page.Items[0].ID {
		t.Errorf("got %+v, %v, want the next execution", next, err)
	}
	off, err := c.Executions(ctx, client.ExecutionFilter{Paging: client.Paging{Limit: 1, Offset: 1}})
	if err != nil || len(off.Items) != 1 || off.Items[0].ID != next.Items[0].ID {
		t.Errorf("got %+v, %v, want offset 1 to be the second", off, err)
	}

	again, err := c.ReRun(ctx, e.ID, map[string]any{"count": 1})
	if err != nil {
		t.Fatal(err)
	}
	if wait(t, c, again.ID); again.ID == e.ID {
		t.Error("re-run returned the same execution")
	}
	if out, _ := c.Output(ctx, again.ID, ""); out != "line 1\n" {
		t.Errorf("got re-run output %q, want one line", out)
	}
	_, err = c.Cancel(ctx, e.ID)
	wantStatus(t, err, http.StatusConflict, "")
	_, err = c.Run(ctx, "clitest.types", map[string]any{"n": "many"})
	wantStatus(t, err, http.StatusBadRequest, "n")
	_, err = c.Run(ctx, "nope.nope", nil)
	wantStatus(t, err, http.StatusBadRequest, "nope.nope")
}

func TestCancelRunning(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	e, err := c.Run(t.Context(), "clitest.lines", map[string]any{"count": 50, "pause": 0.2})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Cancel(t.Context(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != execution.StatusCanceling && got.Status != execution.StatusCanceled {
		t.Errorf("got %s, want canceling or canceled", got.Status)
	}
	if final := wait(t, c, e.ID); final.Status != execution.StatusCanceled {
		t.Errorf("got %s, want canceled", final.Status)
	}
}

func TestWithoutEngineFeatures(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{Wrap: func(e api.Engine) api.Engine { return clienttest.Basic{Engine: e} }})
	c := newClient(t, s)
	e, err := c.Run(t.Context(), "clitest.types", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Pause(t.Context(), e.ID)
	wantStatus(t, err, http.StatusNotImplemented, "pausing and resuming executions is not supported")
	_, err = c.Resume(t.Context(), e.ID)
	wantStatus(t, err, http.StatusNotImplemented, "pausing and resuming")
	_, err = c.Cancel(t.Context(), e.ID)
	wantStatus(t, err, http.StatusNotImplemented, "canceling executions is not supported")
}

func TestWebhookRecords(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	ctx := t.Context()
	acc, err := c.Webhook(ctx, "clitest", []byte(`{"name": "Ada"}`))
	if err != nil {
		t.Fatal(err)
	}
	if acc.Trigger != "core.st2.webhook" || acc.TriggerInstanceID == "" {
		t.Fatalf("got %+v", acc)
	}
	_, err = c.Webhook(ctx, "nobody/listens", []byte(`{}`))
	wantStatus(t, err, http.StatusNotFound, "nobody/listens")
	if _, err := c.Webhook(ctx, "clitest", []byte(`{`)); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("got %v, want the body refused before sending", err)
	}
	var enf execution.Enforcement
	for deadline := time.Now().Add(20 * time.Second); enf.ExecutionID == ""; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no enforcement recorded")
		}
		page, err := c.Enforcements(ctx, client.EnforcementFilter{Rule: "clitest.types_on_webhook", TriggerInstance: acc.TriggerInstanceID})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 0 {
			enf = page.Items[0]
		}
	}
	if got, err := c.Enforcement(ctx, enf.ID); err != nil || got.ID != enf.ID {
		t.Errorf("got %+v, %v", got, err)
	}
	e := wait(t, c, enf.ExecutionID)
	if e.Parameters["name"] != "Ada" {
		t.Errorf("got parameters %v, want name Ada", e.Parameters)
	}
	ti, err := c.TriggerInstance(ctx, acc.TriggerInstanceID)
	if err != nil || ti.Trigger != "core.st2.webhook" || !strings.Contains(string(ti.Payload), "Ada") {
		t.Errorf("got %+v, %v", ti, err)
	}
	tis, err := c.TriggerInstances(ctx, client.TriggerInstanceFilter{Trigger: "core.st2.webhook"})
	if err != nil || len(tis.Items) != 1 {
		t.Errorf("got %+v, %v, want one trigger instance", tis, err)
	}
	traces, err := c.Traces(ctx, client.TraceFilter{})
	if err != nil || len(traces.Items) == 0 {
		t.Fatalf("got %+v, %v, want a trace", traces, err)
	}
	tr, err := c.Trace(ctx, traces.Items[0].ID)
	if err != nil || len(tr.TriggerInstances) == 0 {
		t.Errorf("got %+v, %v, want the trigger instance in the trace", tr, err)
	}
	re, err := c.ReEmit(ctx, acc.TriggerInstanceID)
	if err != nil || re.TriggerInstanceID == "" || re.TriggerInstanceID == acc.TriggerInstanceID {
		t.Errorf("got %+v, %v, want a new trigger instance", re, err)
	}
	if !strings.Contains(string(re.Payload), `"original_id":"`+acc.TriggerInstanceID+`"`) {
		t.Errorf("got payload %s, want __context.original_id %s", re.Payload, acc.TriggerInstanceID)
	}
	if copied, err := c.TriggerInstance(ctx, re.TriggerInstanceID); err != nil || copied.Trigger != "core.st2.webhook" {
		t.Errorf("got %+v, %v, want the re-emitted core.st2.webhook instance", copied, err)
	}
	_, err = c.ReEmit(ctx, "000000000000000000000000")
	wantStatus(t, err, http.StatusNotFound, "000000000000000000000000")
}

func TestKeys(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	ctx := t.Context()
	if _, err := c.SetKey(ctx, client.KeyRef{Name: "plain"}, "v1", client.SetKeyOptions{}); err != nil {
		t.Fatal(err)
	}
	kv, err := c.SetKey(ctx, client.KeyRef{Name: "pw"}, "hunter2", client.SetKeyOptions{Secret: true, TTL: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if kv.Value == "hunter2" || !kv.Secret || kv.ExpireTimestamp.IsZero() {
		t.Errorf("got %+v, want the secret encrypted, with an expiry", kv)
	}
	got, err := c.Key(ctx, client.KeyRef{Name: "pw"}, false)
	if err != nil || got.Value == "hunter2" {
		t.Errorf("got %+v, %v, want the secret kept encrypted", got, err)
	}
	got, err = c.Key(ctx, client.KeyRef{Name: "pw", Scope: "st2kv.system"}, true)
	if err != nil || got.Value != "hunter2" {
		t.Errorf("got %+v, %v, want it decrypted", got, err)
	}
	if _, err := c.SetKey(ctx, client.KeyRef{Name: "mine", Scope: "st2kv.user"}, "u", client.SetKeyOptions{}); err != nil {
		t.Fatal(err)
	}
	page, err := c.Keys(ctx, client.KeyFilter{Scope: "st2kv.system"})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("got %+v, %v, want the two system keys", page, err)
	}
	page, err = c.Keys(ctx, client.KeyFilter{Prefix: "p", Decrypt: true})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("got %+v, %v", page, err)
	}
	for _, kv := range page.Items {
		if kv.Name == "pw" && kv.Value != "hunter2" {
			t.Errorf("got %q, want the listing decrypted", kv.Value)
		}
	}
	if err := c.DeleteKey(ctx, client.KeyRef{Name: "plain"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Key(ctx, client.KeyRef{Name: "plain"}, false)
	wantStatus(t, err, http.StatusNotFound, "plain")
	err = c.DeleteKey(ctx, client.KeyRef{Name: "plain"})
	wantStatus(t, err, http.StatusNotFound, "plain")
	_, err = c.SetKey(ctx, client.KeyRef{Name: "x", Scope: "galaxy"}, "v", client.SetKeyOptions{})
	wantStatus(t, err, http.StatusBadRequest, "galaxy")
}

func TestInquiry(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	ctx := t.Context()
	e, err := c.Run(ctx, "clitest.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	var q execution.Inquiry
	for deadline := time.Now().Add(20 * time.Second); q.ID == ""; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no inquiry asked")
		}
		page, err := c.Inquiries(ctx, client.InquiryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 0 {
			q = page.Items[0]
		}
	}
	if got, err := c.Inquiry(ctx, q.ID); err != nil || !strings.Contains(string(got.Schema), "name") {
		t.Errorf("got %+v, %v, want its schema", got, err)
	}
	err = c.Respond(ctx, q.ID, map[string]any{"ok": true})
	wantStatus(t, err, http.StatusBadRequest, "name")
	if err := c.Respond(ctx, q.ID, map[string]any{"name": "Ada"}); err != nil {
		t.Fatal(err)
	}
	if got := wait(t, c, e.ID); got.Status != execution.StatusSucceeded || !strings.Contains(string(got.Result), "Ada") {
		t.Errorf("got %s %s, want succeeded with Ada", got.Status, got.Result)
	}
	children, err := c.Children(ctx, e.ID, -1)
	if err != nil || len(children) < 2 {
		t.Errorf("got %d children, %v, want the ask and greet tasks", len(children), err)
	}
	err = c.Respond(ctx, q.ID, map[string]any{"name": "Bob"})
	wantStatus(t, err, http.StatusConflict, "")
	all, err := c.Inquiries(ctx, client.InquiryFilter{Status: "all"})
	if err != nil || len(all.Items) != 1 {
		t.Errorf("got %+v, %v", all, err)
	}
}

// keyring is an api.Authenticator knowing one key.
type keyring struct{ key string }

func (k keyring) Authenticate(_ context.Context, key string) (string, error) {
	if key != k.key {
		return "", api.ErrUnauthorized
	}
	return "ann", nil
}

func TestAPIKeyTravelsInTheHeader(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{Options: []api.Option{api.WithAuth(keyring{key: "s3cret"})}})
	var mu sync.Mutex
	var urls []string
	spy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		urls = append(urls, r.URL.String())
		mu.Unlock()
		s.Handler.ServeHTTP(w, r)
	}))
	defer spy.Close()
	anon, err := client.New(spy.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = anon.Actions(t.Context(), "")
	wantStatus(t, err, http.StatusUnauthorized, "")
	keyed, err := client.New(spy.URL, client.WithAPIKey("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keyed.Actions(t.Context(), ""); err != nil {
		t.Fatal(err)
	}
	st, err := keyed.Stream(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, u := range urls {
		if strings.Contains(u, "s3cret") {
			t.Errorf("got the key in URL %s", u)
		}
	}
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := client.New("http://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Health(t.Context())
	if !errors.Is(err, client.ErrUnreachable) || !strings.Contains(err.Error(), addr) {
		t.Errorf("got %v, want ErrUnreachable naming %s", err, addr)
	}
	if _, err := c.Stream(t.Context()); !errors.Is(err, client.ErrUnreachable) {
		t.Errorf("stream: got %v, want ErrUnreachable", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := c.Health(ctx); !errors.Is(err, context.Canceled) || errors.Is(err, client.ErrUnreachable) {
		t.Errorf("got %v, want context.Canceled, not unreachable", err)
	}
}

func TestNonJSONErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad gateway from a proxy", http.StatusBadGateway)
	}))
	defer srv.Close()
	c, err := client.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Execution(t.Context(), "x/y")
	wantStatus(t, err, http.StatusBadGateway, "bad gateway from a proxy")
}

func TestAPIKeys(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{APIKeys: true})
	ctx := t.Context()
	open := newClient(t, s)
	resp, err := http.Post(s.URL+"/api/v1/apikeys", "application/json", strings.NewReader(`{"user": `))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if list, _ := s.Keys.List(ctx); resp.StatusCode != http.StatusBadRequest || len(list) != 0 {
		t.Fatalf("malformed body: got %d and %d keys, want 400 and none", resp.StatusCode, len(list))
	}
	// Open until the first key exists: it is created over the API.
	ann, err := open.CreateAPIKey(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	if ann.ID == "" || ann.Key == "" || ann.User != "ann" || !ann.Enabled {
		t.Fatalf("got %+v, want a new enabled key with its secret", ann)
	}
	_, err = open.APIKeys(ctx)
	wantStatus(t, err, http.StatusUnauthorized, "")
	asAnn := newClient(t, s, client.WithAPIKey(ann.Key))
	own, err := asAnn.CreateAPIKey(ctx, "")
	if err != nil || own.User != "ann" {
		t.Fatalf("got %+v, %v, want a second key of ann", own, err)
	}
	_, err = asAnn.CreateAPIKey(ctx, "bob")
	wantStatus(t, err, http.StatusForbidden, "bob")
	if _, _, err := s.Keys.Create(ctx, "bob", nil); err != nil {
		t.Fatal(err)
	}
	keys, err := asAnn.APIKeys(ctx)
	if err != nil || len(keys) != 2 {
		t.Fatalf("got %+v, %v, want ann's two keys only", keys, err)
	}
	for _, k := range keys {
		if k.Key != "" || k.User != "ann" {
			t.Errorf("got %+v, want ann's keys without secrets", k)
		}
	}
	all, err := s.Keys.List(ctx)
	if err != nil || len(all) != 3 {
		t.Fatalf("got %d keys, %v", len(all), err)
	}
	for _, k := range all {
		if k.User == "bob" {
			err = asAnn.DeleteAPIKey(ctx, k.ID)
			wantStatus(t, err, http.StatusForbidden, "bob")
		}
	}
	if err := asAnn.DeleteAPIKey(ctx, own.ID); err != nil {
		t.Fatal(err)
	}
	err = asAnn.DeleteAPIKey(ctx, own.ID)
	wantStatus(t, err, http.StatusNotFound, own.ID)
	if _, err := newClient(t, s, client.WithAPIKey(own.Key)).APIKeys(ctx); client.StatusOf(err) != http.StatusUnauthorized {
		t.Errorf("got %v, want the deleted key refused", err)
	}
}

func TestAPIKeysNotServed(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	_, err := newClient(t, s).CreateAPIKey(t.Context(), "")
	wantStatus(t, err, http.StatusNotImplemented, "stormless apikey --data-dir")
}

func TestReloadPacks(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	c := newClient(t, s)
	refs, err := c.ReloadPacks(t.Context())
	switch client.StatusOf(err) {
	case 0:
		if err != nil || !strings.Contains(strings.Join(refs, " "), "clitest") {
			t.Errorf("got %v, %v, want the packs reloaded", refs, err)
		}
	case http.StatusNotImplemented:
		wantStatus(t, err, http.StatusNotImplemented, "reloading packs is not supported")
	default:
		t.Errorf("got %v", err)
	}
	b := clienttest.New(t, clienttest.Config{Wrap: func(e api.Engine) api.Engine { return clienttest.Basic{Engine: e} }})
	_, err = newClient(t, b).ReloadPacks(t.Context())
	wantStatus(t, err, http.StatusNotImplemented, "reloading packs is not supported")
}
