package browser

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone the browser is put in, on machines without zoneinfo

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// zone is the time zone the browser runs in: far from UTC, so that times
// shown in UTC would be caught.
const zone = "Pacific/Auckland"

// secret is the secret parameter and datastore value that must never reach
// the page or a response the browser receives.
const secret = "Sup3r-S3cret-T0ken"

// TestWebUI drives one browser through the UI's main pages against a real
// stormless up. The steps share the browser and server, so they run in
// order; each is a subtest so that a failure names its step.
func TestWebUI(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	s := startServer(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
		t.Fatalf("putting the browser in %s: %v", zone, err)
	}

	t.Run("webhook execution appears live and succeeds", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/executions")
		b.waitFor("stream connected", `document.getElementById('live').textContent === 'live'`, `document.getElementById('live').textContent`)
		eval[bool](b, `window.__noReload = true`)
		if code, body := s.post(t, http.MethodPost, "/api/v1/webhooks/uitest", `{"who":"Ada"}`); code != http.StatusAccepted && code != http.StatusOK {
			t.Fatalf("webhook: got %d %s, want 202", code, body)
		}
		row := `[...document.querySelectorAll('#executions tbody tr')].find(tr => tr.innerText.includes('uitest.flow'))`
		b.waitFor("the execution appears in the list", row, mainText)
		b.waitFor("it reaches succeeded without a reload", row+`?.dataset.status === 'succeeded' && window.__noReload === true`, mainText)
		if !eval[bool](b, row+`.innerText.includes('uitest.on_hook')`) {
			t.Errorf("the row does not name the rule uitest.on_hook: %s", eval[string](b, row+`.innerText`))
		}
		b.checkTimeZone(row + `.querySelector('time')`)
		b.checkLabels("executions")
		b.screenshot("executions")
	})

	t.Run("workflow picture with task statuses", func(t *testing.T) {
		b.t = t
		b.do("opening the execution", chromedp.Click(chromedp.CSS(`#executions tbody tr[data-status="succeeded"] td:nth-child(2) a`)))
		b.waitFor("graph drawn", `document.querySelectorAll('svg.graph g.node.task').length === 4`, mainText)
		b.waitFor("task statuses", `document.querySelectorAll('svg.graph g.node.task.st-succeeded').length === 3`,
			`[...document.querySelectorAll('svg.graph g.node')].map(g => g.getAttribute('class') + ' ' + g.dataset.task).join('; ')`)
		got := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll('svg.graph g.node.task')].map(g => [g.dataset.task, g.getAttribute('class')]))`)
		want := map[string]string{"hello": "st-succeeded", "pause_a_bit": "st-succeeded", "goodbye": "st-succeeded", "complain": "st-none"}
		for task, class := range want {
			if !strings.Contains(got[task], class) {
				t.Errorf("task %s: got class %q, want %s", task, got[task], class)
			}
		}
		edges := eval[int](b, `document.querySelectorAll('svg.graph g.edge').length`)
		if edges != 5 { // start->hello, hello->pause_a_bit, hello->complain, pause_a_bit->goodbye, complain->fail
			t.Errorf("got %d edges, want 5", edges)
		}
		tree := eval[string](b, `document.getElementById('tasks').innerText`)
		for _, task := range []string{"hello", "pause_a_bit", "goodbye"} {
			if !strings.Contains(tree, task) {
				t.Errorf("task tree lacks %s:\n%s", task, tree)
			}
		}
		trace := eval[string](b, `document.querySelector('dl.facts').innerText`)
		if !strings.Contains(trace, "uitest.on_hook") || !strings.Contains(trace, "Trigger instance") {
			t.Errorf("trace does not lead back to the rule and trigger instance:\n%s", trace)
		}
		b.screenshot("execution-workflow")
		// The trace goes back to the trigger instance's page, which names the rule.
		b.do("following the trigger instance", chromedp.Click(chromedp.CSS(`dl.facts a[href^="#/triggerinstances/"]`)))
		b.waitFor("trigger instance page", `document.querySelector('main h1')?.innerText.startsWith('Trigger instance') && document.querySelector('main').innerText.includes('uitest.on_hook')`, mainText)
		b.do("re-emit", chromedp.Click(chromedp.CSS("#btn-re-emit")))
		b.waitFor("re-emitted", `document.querySelector('#re-emit-result a[href^="#/triggerinstances/"]')`, `document.getElementById('re-emit-result').innerText`)
		// Back on the execution, the trace lists the whole chain.
		b.do("back", chromedp.NavigateBack())
		b.waitFor("execution again", `document.querySelector('dl.facts a[href^="#/traces/"]')`, mainText)
		b.do("following the trace", chromedp.Click(chromedp.CSS(`dl.facts a[href^="#/traces/"]`)))
		b.waitFor("trace page", `document.querySelector('main h1')?.innerText.startsWith('Trace')`, mainText)
		trace = eval[string](b, `document.querySelector('main').innerText`)
		for _, want := range []string{"core.st2.webhook", "uitest.on_hook", "uitest.flow", "core.echo", "core.local"} {
			if !strings.Contains(trace, want) {
				t.Errorf("trace lacks %s:\n%s", want, trace)
			}
		}
	})

	t.Run("generated run form validates next to the field", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/actions/uitest.secret_run")
		if typ := eval[string](b, `document.getElementById('run-token').type`); typ != "password" {
			t.Errorf("secret parameter token: got input type %q, want password", typ)
		}
		if opts := eval[[]string](b, `[...document.getElementById('run-mode').options].map(o => o.text)`); strings.Join(opts, ",") != "fast,slow" {
			t.Errorf("enum mode: got options %q, want fast, slow (default fast selected)", opts)
		}
		b.do("typing a bad count", chromedp.SendKeys(chromedp.CSS("#run-count"), "three"),
			chromedp.SendKeys(chromedp.CSS("#run-tags"), `{"not": "a list"}`),
			chromedp.Click(chromedp.CSS(`form.schema-form button[type=submit]`)))
		b.waitFor("field errors shown", `document.getElementById('run-count-error').textContent !== ''`, mainText)
		for field, want := range map[string]string{"count": "whole number", "token": "required", "tags": "JSON array"} {
			msg := eval[string](b, `document.getElementById('run-`+field+`-error').textContent`)
			if !strings.Contains(msg, want) {
				t.Errorf("field %s: got error %q, want one saying %q", field, msg, want)
			}
			if inv := eval[string](b, `document.getElementById('run-`+field+`').getAttribute('aria-invalid')`); inv != "true" {
				t.Errorf("field %s: aria-invalid %q, want true", field, inv)
			}
		}
		if focused := eval[string](b, `document.activeElement.id`); focused != "run-count" {
			t.Errorf("focus on %q, want the first invalid field run-count", focused)
		}
		b.checkLabels("run form")
		b.screenshot("action-run-form-errors")
		// Nothing was submitted.
		if _, body := s.post(t, http.MethodGet, "/api/v1/executions?action=uitest.secret_run", ""); strings.TrimSpace(body) != "[]" {
			t.Errorf("an invalid form was submitted: %s", body)
		}
	})

	var runID string
	t.Run("run an action through the form; the secret stays hidden", func(t *testing.T) {
		b.t = t
		b.do("fixing the form",
			b.setValue("#run-count", ""), chromedp.SendKeys(chromedp.CSS("#run-count"), "3"),
			b.setValue("#run-tags", ""), chromedp.SendKeys(chromedp.CSS("#run-tags"), `["a","b"]`),
			chromedp.SendKeys(chromedp.CSS("#run-token"), secret),
			b.setValue("#run-mode", "1"),
			chromedp.Click(chromedp.CSS(`form.schema-form button[type=submit]`)))
		b.waitFor("the execution page", `location.hash.startsWith('#/executions/') && document.querySelector('main h1')?.innerText.includes('uitest.secret_run')`, mainText)
		b.waitFor("it succeeds", `document.querySelector('main h1 .badge')?.innerText === 'succeeded'`, mainText)
		// (The engine renders the integer 3 as "3.0" today; the UI sends the JSON number 3.)
		b.waitFor("output shown", `/count=3(\.0)? mode=slow/.test(document.getElementById('output').textContent)`, `document.getElementById('output').textContent`)
		runID = strings.TrimPrefix(eval[string](b, `location.hash`), "#/executions/")
		params := eval[string](b, `document.querySelector('table.kv').innerText`)
		if !strings.Contains(params, "********") {
			t.Errorf("parameters do not show the masked token:\n%s", params)
		}
		b.screenshot("execution-action")
		b.assertNoSecret("execution page")
	})

	t.Run("an API error is shown, not swallowed", func(t *testing.T) {
		b.t = t
		// The record masks the token, so re-running without giving it again is a 400.
		b.do("re-run", chromedp.Click(chromedp.CSS("#btn-rerun")))
		b.waitFor("the error is shown", `document.querySelector('#control-result .error')`, `document.getElementById('control-result').innerText`)
		msg := eval[string](b, `document.querySelector('#control-result .error').innerText`)
		if !strings.Contains(msg, "HTTP 400") || !strings.Contains(msg, "token") {
			t.Errorf("got error %q, want HTTP 400 naming token", msg)
		}
		// Cancelling a finished execution is a 409.
		if dis := eval[bool](b, `document.getElementById('btn-cancel').disabled`); !dis {
			t.Errorf("cancel is enabled on a finished execution")
		}
		eval[bool](b, `(document.getElementById('btn-cancel').disabled = false, true)`)
		b.do("cancel", chromedp.Click(chromedp.CSS("#btn-cancel")))
		b.waitFor("the 409 is shown", `document.querySelector('#control-result .error')?.innerText.includes('HTTP 409')`, `document.getElementById('control-result').innerText`)
		if code, _ := s.post(t, http.MethodGet, "/api/v1/executions/"+runID, ""); code != http.StatusOK {
			t.Errorf("execution %s: got %d", runID, code)
		}
	})

	t.Run("output streams while running; cancel", func(t *testing.T) {
		b.t = t
		code, body := s.post(t, http.MethodPost, "/api/v1/executions", `{"action":"uitest.slow","parameters":{"wait":"30"}}`)
		if code != http.StatusCreated && code != http.StatusOK {
			t.Fatalf("running uitest.slow: got %d %s", code, body)
		}
		var x struct{ ID string }
		json.Unmarshal([]byte(body), &x)
		b.open(s.url, "/executions/"+x.ID)
		b.waitFor("the first line while running", `document.getElementById('output').textContent.includes('line1') && document.querySelector('main h1 .badge').innerText === 'running'`,
			`document.querySelector('main h1').innerText + ' | ' + document.getElementById('output').textContent`)
		if out := eval[string](b, `document.getElementById('output').textContent`); strings.Contains(out, "line3") {
			t.Errorf("the output was not streamed: all lines at once: %q", out)
		}
		b.waitFor("more lines arrive", `document.getElementById('output').textContent.includes('line3')`, `document.getElementById('output').textContent`)
		b.do("cancel", chromedp.Click(chromedp.CSS("#btn-cancel")))
		b.waitFor("canceled, live", `document.querySelector('main h1 .badge').innerText === 'canceled'`, mainText)
		timeline := eval[string](b, `document.querySelector('ol.timeline').innerText`)
		if !strings.Contains(timeline, "canceling") || !strings.Contains(timeline, "canceled") {
			t.Errorf("timeline lacks canceling and canceled:\n%s", timeline)
		}
		if !eval[bool](b, `document.getElementById('btn-cancel').disabled`) {
			t.Errorf("cancel is still enabled on a canceled execution")
		}
	})

	t.Run("pause and resume a workflow", func(t *testing.T) {
		b.t = t
		code, body := s.post(t, http.MethodPost, "/api/v1/executions", `{"action":"uitest.steps"}`)
		if code != http.StatusCreated && code != http.StatusOK {
			t.Fatalf("running uitest.steps: got %d %s", code, body)
		}
		var x struct{ ID string }
		json.Unmarshal([]byte(body), &x)
		b.open(s.url, "/executions/"+x.ID)
		b.waitFor("the slow task runs", `document.querySelector('svg.graph g.node[data-task="slow"]')?.classList.contains('st-running')`, mainText)
		b.do("pause", chromedp.Click(chromedp.CSS("#btn-pause")))
		b.waitFor("paused once the running task ends", `document.querySelector('main h1 .badge').innerText === 'paused'`, mainText)
		b.waitFor("while paused, slow succeeded and echo has not run",
			`document.querySelector('svg.graph g.node[data-task="slow"]').classList.contains('st-succeeded') && document.querySelector('svg.graph g.node[data-task="echo"]').classList.contains('st-none')`,
			`['slow', 'echo'].map(n => document.querySelector('svg.graph g.node[data-task="' + n + '"]').getAttribute('class')).join(', ')`)
		if st := eval[[]bool](b, `['btn-pause', 'btn-resume', 'btn-cancel'].map(id => document.getElementById(id).disabled)`); st[0] != true || st[1] != false || st[2] != false {
			t.Errorf("while paused, pause/resume/cancel disabled = %v, want true, false, false", st)
		}
		b.screenshot("execution-paused")
		b.do("resume", chromedp.Click(chromedp.CSS("#btn-resume")))
		b.waitFor("succeeded after resuming", `document.querySelector('main h1 .badge').innerText === 'succeeded' && document.querySelector('svg.graph g.node[data-task="echo"]')?.classList.contains('st-succeeded')`, mainText)
		timeline := eval[string](b, `document.querySelector('ol.timeline').innerText`)
		for _, st := range []string{"pausing", "paused", "resuming", "succeeded"} {
			if !strings.Contains(timeline, st) {
				t.Errorf("timeline lacks %s:\n%s", st, timeline)
			}
		}
	})

	t.Run("answer an inquiry with a form from its schema", func(t *testing.T) {
		b.t = t
		code, body := s.post(t, http.MethodPost, "/api/v1/executions", `{"action":"uitest.approve"}`)
		if code != http.StatusCreated && code != http.StatusOK {
			t.Fatalf("running uitest.approve: got %d %s", code, body)
		}
		var wf struct{ ID string }
		json.Unmarshal([]byte(body), &wf)
		b.open(s.url, "/inquiries")
		b.waitFor("the inquiry is listed", `document.querySelector('main table a[href^="#/inquiries/"]')`, mainText)
		b.checkLabels("inquiries")
		b.screenshot("inquiries")
		b.do("opening it", chromedp.Click(chromedp.CSS(`main table a[href^="#/inquiries/"]`)))
		b.waitFor("the answer form", `document.getElementById('inq-approver')`, mainText)
		b.do("answering with a bad level", chromedp.SendKeys(chromedp.CSS("#inq-level"), "1.5"),
			chromedp.Click(chromedp.CSS(`form.schema-form button[type=submit]`)))
		b.waitFor("errors next to the fields", `document.getElementById('inq-level-error').textContent.includes('whole number') && document.getElementById('inq-approver-error').textContent.includes('required')`, mainText)
		b.do("answering", chromedp.SendKeys(chromedp.CSS("#inq-approver"), "Grace"),
			b.setValue("#inq-level", "2"),
			chromedp.Click(chromedp.CSS(`form.schema-form button[type=submit]`)))
		b.waitFor("back on the inquirer execution", `location.hash.startsWith('#/executions/')`, mainText)
		deadline := time.Now().Add(15 * time.Second)
		for {
			_, body := s.post(t, http.MethodGet, "/api/v1/executions/"+wf.ID, "")
			var x struct {
				Status string          `json:"status"`
				Result json.RawMessage `json:"result"`
			}
			json.Unmarshal([]byte(body), &x)
			if x.Status == "succeeded" {
				if !strings.Contains(string(x.Result), "Grace") {
					t.Errorf("workflow result %s does not carry the answer", x.Result)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("workflow %s: status %q after answering, want succeeded", wf.ID, x.Status)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	t.Run("rule page: pattern, residual and the rule tester", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/rules/uitest.on_hook")
		pattern := eval[string](b, `document.querySelector('[aria-labelledby=s-pattern] pre').innerText`)
		if !strings.Contains(pattern, `"detail-type"`) || !strings.Contains(pattern, "uitest") {
			t.Errorf("pattern does not look compiled:\n%s", pattern)
		}
		residual := eval[string](b, `document.querySelector('[aria-labelledby=s-residual]').innerText`)
		if !strings.Contains(residual, "regex") {
			t.Errorf("the regex criterion is not in the residual:\n%s", residual)
		}
		b.waitFor("recent enforcements", `document.querySelector('[aria-labelledby=s-enf] table')`, mainText)
		b.do("testing a non-matching instance",
			b.setValue("#rule-test-input", `{"trigger":"core.st2.webhook","payload":{"body":{"who":"R2-D2"}}}`),
			chromedp.Click(chromedp.CSS(`form.rule-test button[type=submit]`)))
		b.waitFor("verdict", `document.querySelector('#rule-test-result .verdict')`, mainText)
		verdict := eval[string](b, `document.getElementById('rule-test-result').innerText`)
		if !strings.Contains(verdict, "does not match") || !strings.Contains(verdict, "trigger.body.who#short") {
			t.Errorf("got verdict\n%s\nwant no match explained per criterion", verdict)
		}
		b.do("bad JSON", b.setValue("#rule-test-input", `{"trigger": `),
			chromedp.Click(chromedp.CSS(`form.rule-test button[type=submit]`)))
		b.waitFor("JSON error next to the box", `document.getElementById('rule-test-error').textContent.startsWith('Not JSON')`, mainText)
		b.do("an instance the API refuses", b.setValue("#rule-test-input", `{"x": 1}`),
			chromedp.Click(chromedp.CSS(`form.rule-test button[type=submit]`)))
		b.waitFor("API error shown", `document.querySelector('#rule-test-result .error')?.innerText.includes('HTTP 400')`, mainText)
		b.do("a matching instance", b.setValue("#rule-test-input", `{"trigger":"core.st2.webhook","payload":{"body":{"who":"Ada"}}}`),
			chromedp.Click(chromedp.CSS(`form.rule-test button[type=submit]`)))
		b.waitFor("match", `document.querySelector('#rule-test-result .verdict')?.innerText.includes('matches') && !document.querySelector('#rule-test-result .verdict').innerText.includes('does not')`, mainText)
		b.checkLabels("rule")
		b.screenshot("rule")
	})

	t.Run("datastore never shows secrets", func(t *testing.T) {
		b.t = t
		if code, body := s.post(t, http.MethodPut, "/api/v1/keys/api_token", `{"name":"api_token","value":"`+secret+`","secret":true}`); code != http.StatusOK {
			t.Fatalf("setting a secret: got %d %s", code, body)
		}
		s.post(t, http.MethodPut, "/api/v1/keys/region", `{"name":"region","value":"eu-west-1"}`)
		b.open(s.url, "/keys")
		text := eval[string](b, `document.querySelector('main').innerText`)
		if !strings.Contains(text, "eu-west-1") || !strings.Contains(text, "secret, hidden") {
			t.Errorf("keys page:\n%s\nwant region's value and api_token hidden", text)
		}
		// A secret set through the form is hidden too; its field turns into a password field.
		b.do("setting a secret through the form", chromedp.SendKeys(chromedp.CSS("#kv-name"), "ui_secret"),
			chromedp.Click(chromedp.CSS("#kv-secret")))
		if typ := eval[string](b, `document.getElementById('kv-value').type`); typ != "password" {
			t.Errorf("the value field of a secret is %q, want password", typ)
		}
		b.do("saving", chromedp.SendKeys(chromedp.CSS("#kv-value"), secret+"-2"), chromedp.Click(chromedp.CSS(`form.schema-form button[type=submit]`)))
		b.waitFor("the new item is listed, hidden", `[...document.querySelectorAll('main table tr')].some(tr => tr.innerText.includes('ui_secret') && tr.innerText.includes('secret, hidden'))`, mainText)
		if _, body := s.post(t, http.MethodGet, "/api/v1/keys/ui_secret?decrypt=true", ""); !strings.Contains(body, secret+"-2") {
			t.Errorf("the secret set through the UI was not stored: %s", body)
		}
		b.checkLabels("keys")
		b.screenshot("keys")
		b.assertNoSecret("keys page")
	})

	t.Run("execution filters, also on live executions", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/executions")
		b.do("filtering by action and status", b.setValue("#f-action", "uitest.flow"), b.setValue("#f-status", "succeeded"),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
		b.waitFor("the filter is in the URL", `location.hash.includes('action=uitest.flow') && location.hash.includes('status=succeeded')`, `location.hash`)
		b.waitFor("only matching rows", `document.querySelectorAll('#executions tbody tr').length > 0 && [...document.querySelectorAll('#executions tbody tr')].every(tr => tr.innerText.includes('uitest.flow') && tr.dataset.status === 'succeeded')`, mainText)
		before := eval[int](b, `document.querySelectorAll('#executions tbody tr').length`)
		s.post(t, http.MethodPost, "/api/v1/executions", `{"action":"uitest.secret_run","parameters":{"count":1,"token":"x"}}`)
		s.post(t, http.MethodPost, "/api/v1/webhooks/uitest", `{"who":"Bob"}`)
		b.waitFor("the matching execution arrives once succeeded", `document.querySelectorAll('#executions tbody tr').length === `+itoa(before+1), mainText)
		time.Sleep(500 * time.Millisecond) // the other execution has had time to arrive, if it were shown
		rows := eval[[]string](b, `[...document.querySelectorAll('#executions tbody tr')].map(tr => tr.dataset.status + ' ' + tr.cells[1].innerText)`)
		for _, r := range rows {
			if r != "succeeded uitest.flow" {
				t.Errorf("row %q passed the filter action=uitest.flow status=succeeded", r)
			}
		}
		b.do("a filter nothing matches", b.setValue("#f-status", "timeout"), chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
		b.waitFor("no rows", `document.getElementById('no-executions')`, mainText)
	})

	t.Run("trigger instances arrive live and reach processed", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/triggerinstances")
		s.post(t, http.MethodPost, "/api/v1/webhooks/uitest", `{"who":"Cyd"}`)
		row := `[...document.querySelectorAll('main table tbody tr')].find(tr => tr.innerText.includes('core.st2.webhook') && tr.innerText.includes('"Cyd"'))`
		b.waitFor("the new instance is listed", row, mainText)
		b.waitFor("its status follows", row+`.innerText.includes('processed')`, mainText)
	})

	t.Run("keyboard", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/executions")
		// A route change moves focus to the content.
		if id := eval[string](b, `document.activeElement.id`); id != "main" {
			t.Errorf("after navigating, focus is on %q, want main", id)
		}
		// From the top of the page, the first Tab reaches the skip link,
		// and Enter on it moves to the content without changing the page.
		eval[bool](b, `(document.querySelector('.brand').focus(), true)`)
		b.do("back to the top", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		if el := eval[string](b, `document.activeElement.className`); el != "skip" {
			t.Errorf("Shift+Tab from the first link focuses %q, want the skip link", el)
		}
		b.do("skip to content", chromedp.KeyEvent(kb.Enter))
		b.waitFor("main focused", `document.activeElement.id === 'main' && location.hash === '#/executions'`, `location.hash + ' ' + document.activeElement.outerHTML.slice(0, 200)`)
		// Tab from main reaches the filters, then Enter on a row's link opens it.
		b.do("tab to the filter", chromedp.KeyEvent(kb.Tab))
		if id := eval[string](b, `document.activeElement.id`); id != "f-action" {
			t.Errorf("Tab after the skip link focuses %q, want the action filter", id)
		}
		eval[bool](b, `(document.querySelector('#executions tbody a').focus(), true)`)
		b.do("open with Enter", chromedp.KeyEvent(kb.Enter))
		b.waitFor("execution opened by keyboard", `location.hash.startsWith('#/executions/') && document.querySelector('.exec-head h1')`, mainText)
		b.waitFor("graph nodes are focusable", `[...document.querySelectorAll('svg.graph g.node.task')].every(g => g.tabIndex === 0)`, mainText)
	})

	t.Run("reload packs", func(t *testing.T) {
		b.t = t
		b.open(s.url, "/packs")
		b.do("reload", chromedp.Click(chromedp.CSS("#btn-reload")))
		b.waitFor("reloaded", `document.getElementById('reload-result').innerText.includes('uitest')`, `document.getElementById('reload-result').innerText`)
	})

	t.Run("other pages render", func(t *testing.T) {
		b.t = t
		// The contrast check itself catches pale text.
		b.open(s.url, "/packs")
		eval[bool](b, `(document.querySelector('main').append(Object.assign(document.createElement('p'), {id: 'pale', textContent: 'pale text'})),
			document.getElementById('pale').style.color = '#bbbbbb', true)`)
		if low := eval[[]string](b, contrastJS); len(low) != 1 || !strings.Contains(low[0], "pale text") {
			t.Errorf("the contrast check found %q, want the pale paragraph", low)
		}
		for _, p := range []struct{ route, name, want string }{
			{"/actions", "actions", "uitest.secret_run"},
			{"/rules", "rules", "uitest.on_hook"},
			{"/triggerinstances", "triggerinstances", "core.st2.webhook"},
			{"/packs", "packs", "uitest"},
			{"/executions/" + runID, "execution-again", "********"},
		} {
			b.open(s.url, p.route)
			b.waitFor(p.route+" shows "+p.want, `document.querySelector('main').innerText.includes(`+jsString(p.want)+`)`, mainText)
			b.checkLabels(p.name)
			b.screenshot(p.name)
		}
		b.assertNoSecret("every page")
	})
}

// assertNoSecret fails when the secret is in the page's HTML, in any
// response body the browser received or in any server-sent event.
func (b *browser) assertNoSecret(where string) {
	b.t.Helper()
	if strings.Contains(b.html(), secret) {
		b.t.Errorf("%s: the secret is in the page's HTML", where)
	}
	seen := b.seen()
	for _, body := range seen {
		if strings.Contains(body, secret) {
			url, _, _ := strings.Cut(body, "\n")
			b.t.Errorf("%s: the secret is in a response: %s", where, url)
		}
	}
	if len(seen) < 5 {
		b.t.Errorf("%s: only %d responses recorded; the network capture is not working", where, len(seen))
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// checkTimeZone checks that the <time> element sel shows its instant in the
// browser's zone (en-US format).
func (b *browser) checkTimeZone(sel string) {
	b.t.Helper()
	v := eval[[]string](b, `[`+sel+`.getAttribute('datetime'), `+sel+`.textContent]`)
	at, err := time.Parse(time.RFC3339Nano, v[0])
	if err != nil {
		b.t.Fatalf("time element datetime %q: %v", v[0], err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		b.t.Fatal(err)
	}
	want := at.In(loc).Format("1/2/2006, 3:04:05 PM")
	got := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(v[1])
	if got != want {
		b.t.Errorf("time shown as %q, want %q (%s in %s)", got, want, v[0], zone)
	}
}

// itoa formats n for a JavaScript expression.
func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
