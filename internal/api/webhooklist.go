package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/pack"
)

// webhookView is one webhook url rules listen to, in the shape of the
// trigger StackStorm's GET /api/v1/webhooks lists (type and parameters.url,
// which `st2 webhook list` shows), with the refs of the enabled rules on it.
type webhookView struct {
	Type       string            `json:"type"`
	Pack       string            `json:"pack"`
	Parameters map[string]string `json:"parameters"`
	URL        string            `json:"url"`
	Rules      []string          `json:"rules"`
}

// webhookViews lists the webhook urls the enabled rules of set listen to,
// by url; a url is written as POST /api/v1/webhooks/{url} takes it.
func webhookViews(set *pack.Set) []webhookView {
	by := map[string]*webhookView{}
	for _, rl := range set.Rules() {
		raw, ok := rl.Trigger.Parameters["url"].(string)
		if !ok || !rl.Enabled || rl.Trigger.Type != WebhookTrigger {
			continue
		}
		url := strings.Trim(raw, "/")
		v := by[url]
		if v == nil {
			v = &webhookView{Type: WebhookTrigger, Pack: "core", Parameters: map[string]string{"url": url}, URL: url}
			by[url] = v
		}
		v.Rules = append(v.Rules, rl.Ref)
	}
	out := make([]webhookView, 0, len(by))
	for _, v := range by {
		slices.Sort(v.Rules)
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b webhookView) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// listWebhooks serves GET /api/v1/webhooks: the webhook urls enabled rules
// listen to (disabled rules' urls answer 404 to a POST, so they are not
// listed).
func (h *Handler) listWebhooks(w http.ResponseWriter, _ *http.Request) {
	views := webhookViews(h.engine.Packs())
	setTotal(w, len(views))
	writeJSON(w, http.StatusOK, views)
}

// getWebhook serves GET /api/v1/webhooks/{url}: the webhook url and the
// rules on it, or 404 when no enabled rule listens to it.
func (h *Handler) getWebhook(w http.ResponseWriter, r *http.Request) {
	url := strings.Trim(r.PathValue("url"), "/")
	for _, v := range webhookViews(h.engine.Packs()) {
		if v.URL == url {
			writeJSON(w, http.StatusOK, v)
			return
		}
	}
	writeFault(w, http.StatusNotFound, "no rule listens to webhook "+url)
}
