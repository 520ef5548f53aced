// Package web is Stormless's Web UI: static files (ui/: index.html, one
// style sheet, plain JavaScript modules, no build step) embedded in the
// binary and served at / by stormless up. The UI talks only to the public
// REST API (/api/v1) and the event stream (/stream/v1/stream), so the same
// files work against the local runtime or, copied to any static host, the
// deployed API (set the stormless-api meta tag in index.html to its URL).
package web
