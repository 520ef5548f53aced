package browser

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSignIn runs the UI against a server that requires API keys: the UI
// asks for one, refuses a wrong one with the API's error, keeps the right
// one in sessionStorage only and uses it for requests and the event
// stream.
func TestSignIn(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	s := &server{dataDir: t.TempDir()}
	out, err := exec.Command(stormlessBin, "apikey", "create", "--data-dir", s.dataDir, "--user", "ann").Output()
	if err != nil {
		t.Fatalf("stormless apikey create: %v", err)
	}
	key := strings.Fields(string(out))[0]
	s.start(t)
	if code, _ := s.post(t, http.MethodGet, "/api/v1/executions", ""); code != http.StatusUnauthorized {
		t.Fatalf("the server does not require keys: GET /api/v1/executions got %d, want 401", code)
	}

	b.do("opening the UI", chromedp.Navigate(s.url+"/#/executions"))
	b.waitFor("asked to sign in", `location.hash === '#/signin' && document.getElementById('api-key')`, mainText)
	b.waitFor("the refused stream shows offline", `document.getElementById('live').textContent === 'offline'`, `document.getElementById('live').textContent`)
	b.checkLabels("sign-in")
	b.screenshot("signin")

	b.do("a wrong key", chromedp.SendKeys(chromedp.CSS("#api-key"), "not-a-key"), chromedp.Click(chromedp.CSS("form.signin button")))
	b.waitFor("the 401 is shown", `document.querySelector('form.signin .error')?.innerText.includes('HTTP 401')`, mainText)
	if k := eval[string](b, `sessionStorage.getItem('stormless.apiKey') || ''`); k != "" {
		t.Errorf("a refused key was kept: %q", k)
	}

	b.do("the right key", b.setValue("#api-key", ""), chromedp.SendKeys(chromedp.CSS("#api-key"), key),
		chromedp.Click(chromedp.CSS("form.signin button")))
	b.waitFor("back on executions", `location.hash === '#/executions' && document.querySelector('main h1')?.innerText === 'Executions'`, mainText)
	b.waitFor("the stream connects with the key", `document.getElementById('live').textContent === 'live'`, `document.getElementById('live').textContent`)
	if code, body := s.post(t, http.MethodPost, "/api/v1/webhooks/uitest", `{"who":"Ann"}`, "St2-Api-Key", key); code >= 300 {
		t.Fatalf("webhook with key: got %d %s", code, body)
	}
	b.waitFor("the execution arrives over the stream", `document.querySelector('#executions tbody tr[data-status="succeeded"]')`, mainText)
	stored := eval[[]string](b, `[sessionStorage.getItem('stormless.apiKey') || '', JSON.stringify(localStorage), document.cookie]`)
	if stored[0] != key {
		t.Errorf("sessionStorage holds %q, want the key", stored[0])
	}
	if strings.Contains(stored[1], key) || strings.Contains(stored[2], key) {
		t.Errorf("the key leaked into localStorage %s or cookies %q", stored[1], stored[2])
	}
	if strings.Contains(b.html(), key) {
		t.Errorf("the key is in the page's HTML")
	}

	b.do("signing out", chromedp.Click(chromedp.CSS("#session button")))
	b.waitFor("signed out", `location.hash === '#/signin' && !sessionStorage.getItem('stormless.apiKey')`, mainText)
}
