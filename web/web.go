package web

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed ui
var embedded embed.FS

// Files returns the UI's static files, index.html at the root. The
// returned file system is read-only and safe for concurrent use.
func Files() fs.FS {
	sub, err := fs.Sub(embedded, "ui")
	if err != nil { // cannot happen: "ui" is a valid path and go:embed checks it exists
		return embedded
	}
	return sub
}

// contentSecurityPolicy lets the UI load only its own files and reach the
// API on any origin (a deployed API may live elsewhere); no inline script
// or style, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the UI in front of api: GET and HEAD requests for / and
// for the UI's files are answered with the files; every other request,
// and every path under /api/ or /stream/, goes to api, which therefore
// keeps all its routes, answers and errors. Safe for concurrent use.
func Handler(api http.Handler) http.Handler {
	files := Files()
	static := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isUIRequest(files, r) {
			api.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		static.ServeHTTP(w, r)
	})
}

// isUIRequest reports whether r asks for the UI: a GET or HEAD of / or of
// one of its files, outside /api/ and /stream/.
func isUIRequest(files fs.FS, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/stream/") {
		return false
	}
	if p == "/" {
		return true
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	st, err := fs.Stat(files, name)
	return err == nil && !st.IsDir()
}
