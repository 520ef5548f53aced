package main

import (
	"fmt"
	"net/url"
	"strings"
)

// checkOrigin accepts "" (no CORS) or a browser origin: http or https,
// a host, no path, query, fragment or user (what a browser sends in its
// Origin header, which API Gateway compares exactly).
func checkOrigin(origin string) error {
	if origin == "" {
		return nil
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(origin, "/") || strings.Contains(origin, "*") {
		return fmt.Errorf("context uiOrigin %q is not an origin: give the Web UI's scheme and host, like -c uiOrigin=https://ui.example.com (no path, no trailing slash, no wildcard)", origin)
	}
	return nil
}
