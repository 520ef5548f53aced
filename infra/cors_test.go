package main

import (
	"slices"
	"strings"
	"testing"
)

// TestCORS synthesizes the stack with -c uiOrigin and checks the HTTP
// API's CORS configuration, and that no route takes OPTIONS (API Gateway
// answers the preflight itself; a route would send it to the authorizer).
func TestCORS(t *testing.T) {
	const origin = "https://ui.example.com"
	s, err := doSynth(testPacks, "", func(p *StormlessStackProps) { p.UIOrigin = origin })
	if err != nil {
		t.Fatal(err)
	}
	if len(s.errors) > 0 {
		t.Errorf("cdk-nag errors with CORS: %v", s.errors)
	}
	apis := s.resources("AWS::ApiGatewayV2::Api")
	if len(apis) != 1 {
		t.Fatalf("got %d HTTP APIs, want 1", len(apis))
	}
	for _, api := range apis {
		cors, _ := api["CorsConfiguration"].(map[string]any)
		want := map[string]any{
			"AllowOrigins":  []any{origin},
			"AllowMethods":  []any{"GET", "HEAD", "POST", "PUT", "DELETE"},
			"AllowHeaders":  []any{"St2-Api-Key", "Content-Type"},
			"ExposeHeaders": []any{"X-Next-Marker"},
			"MaxAge":        float64(3600),
		}
		if !jsonEqual(cors, want) {
			t.Errorf("CORS configuration %v, want %v", cors, want)
		}
	}
	var keys []string
	for _, r := range s.resources("AWS::ApiGatewayV2::Route") {
		key := r["RouteKey"].(string)
		keys = append(keys, key)
		if strings.HasPrefix(key, "ANY ") || strings.HasPrefix(key, "OPTIONS ") {
			t.Errorf("route %s takes the preflight to the authorizer", key)
		}
		if r["AuthorizationType"] != "CUSTOM" {
			t.Errorf("route %s is not behind the authorizer", key)
		}
	}
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE"} {
		if !slices.Contains(keys, m+" "+APIRoute) {
			t.Errorf("no route %s %s (have %v)", m, APIRoute, keys)
		}
	}
	if !slices.Contains(keys, "POST "+WebhookRoute) {
		t.Errorf("no webhook route (have %v)", keys)
	}
}

// TestNoCORSByDefault: without uiOrigin the API has no CORS configuration
// (browsers refuse cross-origin calls) and one ANY route.
func TestNoCORSByDefault(t *testing.T) {
	s := synth(t, examplePacks)
	for id, api := range s.resources("AWS::ApiGatewayV2::Api") {
		if c, ok := api["CorsConfiguration"]; ok {
			t.Errorf("API %s has CORS %v without uiOrigin", id, c)
		}
	}
}

func TestCheckOrigin(t *testing.T) {
	tests := []struct {
		name   string
		origin string
		ok     bool
	}{
		{"none", "", true},
		{"https host", "https://ui.example.com", true},
		{"port", "http://localhost:8080", true},
		{"CloudFront", "https://d111111abcdef8.cloudfront.net", true},
		{"trailing slash", "https://ui.example.com/", false},
		{"path", "https://ui.example.com/ui", false},
		{"no scheme", "ui.example.com", false},
		{"other scheme", "ftp://ui.example.com", false},
		{"wildcard", "*", false},
		{"wildcard host", "https://*.example.com", false},
		{"query", "https://ui.example.com?x=1", false},
		{"user", "https://a@ui.example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkOrigin(tt.origin)
			if (err == nil) != tt.ok {
				t.Fatalf("got %v, want ok %v", err, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "uiOrigin") {
				t.Errorf("got %v, want the context named", err)
			}
		})
	}
	packs, err := LoadPacks(testPacks)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewStormlessStack(nil, "x", &StormlessStackProps{Packs: packs, UIOrigin: "https://x/"}); err == nil || !strings.Contains(err.Error(), "uiOrigin") {
		t.Errorf("stack with a bad origin: got %v, want it refused naming uiOrigin", err)
	}
}
