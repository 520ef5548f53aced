package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const webhookRuleYAML = `---
name: on_sample
pack: examples
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: sample
criteria:
  trigger.body.name:
    type: equals
    pattern: st2
  trigger.body.msg:
    type: regex
    pattern: "^hi"
action:
  ref: core.local
  parameters:
    cmd: echo hi
`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRuleCompileCommand(t *testing.T) {
	rulePath := writeTemp(t, "rule.yaml", webhookRuleYAML)
	out, errOut, code := runCLI(t, "rule", "compile", rulePath, "--packs", shippedPacks)
	if code != 0 {
		t.Fatalf("got exit %d (%s), want 0", code, errOut)
	}
	var got struct {
		Rule         string                    `json:"rule"`
		EventPattern map[string]any            `json:"event_pattern"`
		Residual     map[string]map[string]any `json:"residual"`
		Exact        bool                      `json:"exact"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("decoding output %q: %v", out, err)
	}
	if got.Rule != "examples.on_sample" || got.Exact {
		t.Errorf("got rule %q exact %v, want examples.on_sample, false", got.Rule, got.Exact)
	}
	if got.Residual["trigger.body.msg"]["type"] != "regex" {
		t.Errorf("got residual %v, want the regex criterion in it", got.Residual)
	}
	pattern, _ := json.Marshal(got.EventPattern)
	want := `{"detail":{"payload":{"body":{"msg":[{"prefix":"hi"}],"name":["st2"]}},"trigger":{"parameters":{"url":["sample"]}}},"detail-type":["core.st2.webhook"],"source":["stormless.core"]}`
	if string(pattern) != want {
		t.Errorf("got pattern %s, want %s", pattern, want)
	}
}

func TestRuleCompileCommandErrors(t *testing.T) {
	tests := []struct {
		name, rule, mention string
	}{
		{"unknown operator", strings.Replace(webhookRuleYAML, "type: equals", "type: weird", 1), "weird"},
		{"lookahead", strings.Replace(webhookRuleYAML, `"^hi"`, `"^hi(?=!)"`, 1), "lookahead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, "rule", "compile", writeTemp(t, "rule.yaml", tt.rule), "--packs", shippedPacks)
			if code != 2 {
				t.Errorf("got exit %d, want 2", code)
			}
			if !strings.Contains(errOut, tt.mention) {
				t.Errorf("got %q, want it to mention %q", errOut, tt.mention)
			}
		})
	}
	if _, _, code := runCLI(t, "rule", "compile", filepath.Join(t.TempDir(), "missing.yaml"), "--packs", shippedPacks); code != 2 {
		t.Errorf("missing file: got exit %d, want 2", code)
	}
	noted := strings.Replace(webhookRuleYAML, "  parameters:\n    cmd: echo hi\n", "", 1)
	if _, errOut, code := runCLI(t, "rule", "compile", writeTemp(t, "rule.yaml", noted), "--packs", shippedPacks); code != 0 || !strings.Contains(errOut, "note:") {
		t.Errorf("action without its parameter: got exit %d (%s), want 0 and a note", code, errOut)
	}
}

func TestRuleTestCommand(t *testing.T) {
	rulePath := writeTemp(t, "rule.yaml", webhookRuleYAML)
	tests := []struct {
		name     string
		instance string
		args     []string
		wantCode int
		mentions []string
	}{
		{"st2 instance matches", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "st2", "msg": "hi!"}}}`, nil, 0,
			[]string{"MATCH", "trigger.body.name", `"st2"`, "residual"}},
		{"pattern rejects", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "bob", "msg": "hi!"}}}`, nil, 1,
			[]string{"NO MATCH", "pattern"}},
		{"absent value", `{"trigger": "core.st2.webhook", "payload": {"body": {"msg": "hi!"}}}`, nil, 1,
			[]string{"(absent)"}},
		{"full event with another url", `{"source": "stormless.core", "detail-type": "core.st2.webhook", "detail": {"trigger": {"type": "core.st2.webhook", "parameters": {"url": "other"}}, "payload": {"body": {"name": "st2", "msg": "hi"}}}}`, nil, 1,
			[]string{"does not match (source, detail-type or trigger parameters)"}},
		{"json output", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "st2", "msg": "hi!"}}}`, []string{"-o", "json"}, 0,
			[]string{`"decided_by": "residual"`, `"pattern_match": true`}},
		{"not an instance", `{"foo": 1}`, nil, 2, []string{"neither"}},
		{"malformed", `{`, nil, 2, []string{"reading trigger instance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"rule", "test", rulePath, writeTemp(t, "instance.json", tt.instance), "--packs", shippedPacks}, tt.args...)
			out, errOut, code := runCLI(t, args...)
			if code != tt.wantCode {
				t.Errorf("got exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			for _, m := range tt.mentions {
				if !strings.Contains(out+errOut, m) {
					t.Errorf("got %q, want it to mention %q", out+errOut, m)
				}
			}
		})
	}
}

func TestRuleTestCommandDatastore(t *testing.T) {
	rule := strings.Replace(webhookRuleYAML, "pattern: st2", `pattern: "{{ st2kv.system.who }}"`, 1)
	rulePath := writeTemp(t, "rule.yaml", rule)
	instance := writeTemp(t, "i.json", `{"trigger": "core.st2.webhook", "payload": {"body": {"name": "ada", "msg": "hi"}}}`)
	if _, errOut, code := runCLI(t, "rule", "test", rulePath, instance, "--packs", shippedPacks, "--kv", "who=ada"); code != 0 {
		t.Errorf("got exit %d (%s), want 0", code, errOut)
	}
	if _, _, code := runCLI(t, "rule", "test", rulePath, instance, "--packs", shippedPacks, "--kv", "who=bob"); code != 1 {
		t.Errorf("got exit %d, want 1", code)
	}
	if _, _, code := runCLI(t, "rule", "test", rulePath, instance, "--packs", shippedPacks, "--kv", "nokey"); code != 2 {
		t.Errorf("got exit %d, want 2", code)
	}
}

func TestRuleCompileTrustPayloadSchema(t *testing.T) {
	rulePath := writeTemp(t, "rule.yaml", `---
name: on_failure
pack: examples
enabled: true
trigger:
  type: core.st2.generic.actiontrigger
criteria:
  trigger.status:
    type: equals
    pattern: failed
action:
  ref: core.local
  parameters:
    cmd: echo failed
`)
	for _, tt := range []struct {
		name      string
		args      []string
		wantExact bool
	}{
		{"untrusted", nil, false},
		{"trusted", []string{"--trust-payload-schema"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append([]string{"rule", "compile", rulePath, "--packs", shippedPacks}, tt.args...)...)
			if code != 0 {
				t.Fatalf("got exit %d (%s), want 0", code, errOut)
			}
			var got struct {
				Exact    bool           `json:"exact"`
				Residual map[string]any `json:"residual"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if got.Exact != tt.wantExact || (len(got.Residual) == 0) != tt.wantExact {
				t.Errorf("got exact %v, residual %v; want exact %v", got.Exact, got.Residual, tt.wantExact)
			}
		})
	}
}

func TestRuleCompileByRef(t *testing.T) {
	out, errOut, code := runCLI(t, "rule", "compile", "examples.greet_on_webhook", "--packs", shippedPacks)
	if code != 0 || !strings.Contains(out, `"rule": "examples.greet_on_webhook"`) {
		t.Errorf("got exit %d, %q (%s), want the compiled rule", code, out, errOut)
	}
	if _, _, code := runCLI(t, "rule", "compile", "examples.nope", "--packs", shippedPacks); code != 2 {
		t.Errorf("unknown ref: got exit %d, want 2", code)
	}
}
