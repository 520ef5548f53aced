package httppoll_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor/httppoll"
)

// reports records the problems a sensor reports.
type reports struct {
	mu  sync.Mutex
	got []string
}

func (r *reports) add(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, err.Error())
}

func (r *reports) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.got, "\n")
}

// TestURLPasswordNeverShown: a URL with a password is polled with it, but
// the password is in neither the reported problems (shown by the API) nor
// the payloads (recorded as trigger instances).
func TestURLPasswordNeverShown(t *testing.T) {
	st := &site{status: 200, body: "ok"}
	srv := httptest.NewServer(st)
	withPassword := strings.Replace(srv.URL, "http://", "http://ann:s3cr3t@", 1)
	tr := bus.Trigger{Type: httppoll.TriggerType, Parameters: map[string]any{"url": withPassword, "interval": 10}}
	var rep reports
	poll := startPolling(t, tr, rep.add)
	st.set(http.StatusServiceUnavailable, "down")
	got := poll()
	if len(got) != 1 {
		t.Fatalf("got %v, want one change", got)
	}
	if !strings.HasPrefix(st.auth, "Basic ") {
		t.Errorf("got Authorization %q, want the URL's user and password sent", st.auth)
	}
	if u, _ := got[0]["url"].(string); strings.Contains(u, "s3cr3t") || !strings.Contains(u, "ann:") {
		t.Errorf("got payload url %q, want the password redacted", u)
	}
	srv.Close()
	poll()
	if r := rep.all(); r == "" || strings.Contains(r, "s3cr3t") {
		t.Errorf("got reports %q, want the failure reported without the password", r)
	}
}
