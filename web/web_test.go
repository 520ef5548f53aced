package web_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stormless/stormless/web"
)

// apiStub answers every request it gets with 418 and the path, so that a
// test sees which requests reach the API.
var apiStub = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusTeapot)
	io.WriteString(w, "api "+r.Method+" "+r.URL.Path)
})

func TestHandlerRouting(t *testing.T) {
	h := web.Handler(apiStub)
	tests := []struct {
		name, method, path string
		code               int
		contains           string
	}{
		{"index", "GET", "/", 200, `<script type="module" src="js/app.js">`},
		{"head of index", "HEAD", "/", 200, ""},
		{"a module", "GET", "/js/app.js", 200, "import"},
		{"style sheet", "GET", "/style.css", 200, ":root"},
		{"API", "GET", "/api/v1/executions", 418, "api GET /api/v1/executions"},
		{"API path that is also a file name", "GET", "/api/style.css", 418, "api GET /api/style.css"},
		{"stream", "GET", "/stream/v1/stream", 418, "api GET /stream/v1/stream"},
		{"POST to the root", "POST", "/", 418, "api POST /"},
		{"unknown path", "GET", "/nope", 418, "api GET /nope"},
		{"directory", "GET", "/js/", 418, "api GET /js/"},
		{"other prefixes the API serves", "POST", "/aws/", 418, "api POST /aws/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("%s %s: got %d %.80q, want %d containing %q", tt.method, tt.path, rec.Code, rec.Body.String(), tt.code, tt.contains)
			}
			if tt.code == 200 && !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("%s: no content security policy", tt.path)
			}
		})
	}
}

// TestFiles checks that every module the UI imports is embedded and that
// no file uses innerHTML (every record text goes through textContent).
func TestFiles(t *testing.T) {
	files := web.Files()
	var modules []string
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".js") {
			modules = append(modules, path)
			if strings.Contains(string(b), "innerHTML") || strings.Contains(string(b), "insertAdjacentHTML") {
				t.Errorf("%s writes HTML from strings", path)
			}
			checkImports(t, files, path, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(modules) < 10 {
		t.Errorf("got %d modules, want the UI's pages and helpers: %v", len(modules), modules)
	}
}

// checkImports fails for a relative import that names no embedded file.
func checkImports(t *testing.T, files fs.FS, path, src string) {
	t.Helper()
	dir := path[:strings.LastIndex(path, "/")+1]
	for _, line := range strings.Split(src, "\n") {
		i := strings.Index(line, "from '")
		if !strings.HasPrefix(strings.TrimSpace(line), "import") || i < 0 {
			continue
		}
		spec := line[i+6:]
		spec = spec[:strings.Index(spec, "'")]
		target := resolve(dir, spec)
		if _, err := fs.Stat(files, target); err != nil {
			t.Errorf("%s imports %s: %v", path, spec, err)
		}
	}
}

// resolve joins a relative module specifier to dir.
func resolve(dir, spec string) string {
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		parts = nil
	}
	for _, p := range strings.Split(spec, "/") {
		switch p {
		case ".":
		case "..":
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}
