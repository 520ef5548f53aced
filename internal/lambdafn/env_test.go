package lambdafn

import (
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/awsjson"
)

func envOf(m map[string]string) Env { return EnvFrom(func(k string) string { return m[k] }) }

func TestRequire(t *testing.T) {
	err := envOf(map[string]string{EnvTable: "t"}).Require(EnvTable, EnvEventBus, EnvPacks)
	if err == nil || !strings.Contains(err.Error(), "STORMLESS_EVENT_BUS, STORMLESS_PACKS") || strings.Contains(err.Error(), EnvTable) {
		t.Errorf("got %v, want the two missing variables named", err)
	}
}

func TestAWSConfig(t *testing.T) {
	full := map[string]string{EnvRegion: "eu-west-1", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK",
		"AWS_SESSION_TOKEN": "ST", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}
	cfg, err := envOf(full).AWS()
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(t.Context())
	if err != nil || creds.AccessKeyID != "AK" || creds.SessionToken != "ST" || cfg.Region != "eu-west-1" || *cfg.BaseEndpoint != "http://127.0.0.1:4566" {
		t.Errorf("got %+v %+v, %v", cfg, creds, err)
	}
	if _, err := envOf(full).JSONClient(awsjson.SSM); err != nil {
		t.Error(err)
	}
	for _, missing := range []string{EnvRegion, "AWS_ACCESS_KEY_ID"} {
		m := map[string]string{}
		for k, v := range full {
			if k != missing {
				m[k] = v
			}
		}
		if _, err := envOf(m).AWS(); err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("without %s: got %v, want it named", missing, err)
		}
	}
	if got := KVRoot("/stormless/"); got != "/stormless" {
		t.Errorf("KVRoot: got %q", got)
	}
}
