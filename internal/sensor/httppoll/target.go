package httppoll

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor"
)

// Body limits: what is read and compared, and what a payload carries.
const (
	maxRead    = 1 << 20
	maxPayload = 64 << 10
)

// target is one polled URL and what its last poll saw.
type target struct {
	trigger bus.Trigger
	url     string
	// shown is url with its password, if any, redacted: what reports and
	// payloads (recorded as trigger instances) carry.
	shown    string
	headers  map[string]string
	interval time.Duration
	next     time.Time
	last     *observation
}

// observation is the outcome of one poll.
type observation struct {
	status    int
	sum       [32]byte
	body      []byte
	truncated bool
	err       string
}

func newTarget(t bus.Trigger) (*target, error) {
	url, _ := t.Parameters["url"].(string)
	if t.Type != TriggerType || url == "" {
		return nil, fmt.Errorf("trigger %s: want %s with a url parameter", t.Type, TriggerType)
	}
	tg := &target{trigger: t, url: url, shown: redacted(url), interval: DefaultInterval, headers: map[string]string{}}
	if v, ok := t.Parameters["interval"]; ok {
		n, ok := seconds(v)
		if !ok {
			return nil, fmt.Errorf("trigger %s on %s: interval %v: want a number of seconds, at least 1", t.Type, redacted(url), v)
		}
		tg.interval = n
	}
	if h, ok := t.Parameters["headers"].(map[string]any); ok {
		for k, v := range h {
			tg.headers[k] = fmt.Sprint(v)
		}
	}
	return tg, nil
}

// redacted returns raw with the password of its user info replaced by
// "xxxxx"; raw itself when it does not parse.
func redacted(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

// seconds reads an interval parameter, which must be at least one second.
func seconds(v any) (time.Duration, bool) {
	var f float64
	switch x := v.(type) {
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), f >= 1
}

// poll fetches the URL and dispatches when the outcome changed.
func (tg *target) poll(ctx context.Context, client *http.Client, render Renderer, out sensor.Output) {
	o := tg.fetch(ctx, client, render)
	if o.err != "" {
		out.Report(fmt.Errorf("polling %s: %s", tg.shown, o.err))
	}
	prev := tg.last
	tg.last = o
	if prev == nil {
		return
	}
	if changed := diff(prev, o); len(changed) > 0 {
		if err := out.Dispatch(ctx, tg.trigger, tg.payload(prev, o, changed)); err != nil {
			out.Report(fmt.Errorf("dispatching a change of %s: %w", tg.shown, err))
		}
	}
}

func (tg *target) fetch(ctx context.Context, client *http.Client, render Renderer) *observation {
	url, err := renderValue(ctx, render, tg.url)
	if err != nil {
		return &observation{err: fmt.Sprintf("rendering the url: %v", err)}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return &observation{err: fmt.Sprintf("the url %s: not a valid URL", tg.shown)}
	}
	for k, v := range tg.headers {
		if v, err = renderValue(ctx, render, v); err != nil {
			return &observation{err: fmt.Sprintf("rendering header %s: %v", k, err)}
		}
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return &observation{err: err.Error()}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRead+1))
	o := &observation{status: resp.StatusCode, body: body, truncated: len(body) > maxRead}
	if o.truncated {
		o.body = body[:maxRead]
	}
	if err != nil {
		o.err = fmt.Sprintf("reading body: %v", err)
	}
	o.sum = sha256.Sum256(o.body)
	return o
}

// renderValue renders the templates in v with render, when there is a
// renderer and v holds a template.
func renderValue(ctx context.Context, render Renderer, v string) (string, error) {
	if render == nil || !strings.Contains(v, "{{") && !strings.Contains(v, "{%") {
		return v, nil
	}
	return render(ctx, v)
}

// diff names what changed between two polls.
func diff(a, b *observation) []any {
	var changed []any
	if a.status != b.status {
		changed = append(changed, "status_code")
	}
	if a.sum != b.sum {
		changed = append(changed, "body")
	}
	if a.err != b.err && a.status == b.status {
		changed = append(changed, "error")
	}
	return changed
}

func (tg *target) payload(prev, o *observation, changed []any) map[string]any {
	body := o.body
	truncated := o.truncated || len(body) > maxPayload
	if len(body) > maxPayload {
		body = body[:maxPayload]
	}
	p := map[string]any{
		"url": tg.shown, "status_code": o.status, "previous_status_code": prev.status,
		"body": string(bytes.ToValidUTF8(body, []byte(string(utf8.RuneError)))), "body_truncated": truncated, "changed": changed,
	}
	if o.err != "" {
		p["error"] = o.err
	}
	return p
}
