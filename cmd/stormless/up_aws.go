package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/local"
)

// awsPrefix is where stormless up serves the AWS-compatible endpoints
// (EventBridge PutEvents, the Step Functions execution calls): point an
// AWS SDK's BaseEndpoint or the aws CLI's --endpoint-url at
// http://<listen>/aws.
const awsPrefix = "/aws"

// awsEngine adapts *local.Engine to awsapi.Engine.
type awsEngine struct{ *local.Engine }

var _ awsapi.Engine = awsEngine{}

// Submit runs ref on behalf of user.
func (e awsEngine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}

// withAWS serves the AWS endpoints at /aws and below, and every other
// path with next. They require API keys when the REST API does (the same
// decision as openAuth's): the API key is the access key id the client
// signs with. While the endpoints are open, a keyWatch notices the first
// key without a query per request.
func (rt *upRuntime) withAWS(ctx context.Context, next http.Handler, cfg upConfig) (http.Handler, error) {
	list, err := rt.keys.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing API keys: %w", err)
	}
	var opts []awsapi.Option
	switch {
	case cfg.noAuth:
	case len(list) == 0 && !cfg.exposed:
		watch := newKeyWatch(rt.keys, filepath.Join(cfg.dataDir, apiKeysFile))
		opts = append(opts, awsapi.WithAuthOnceKeysExist(rt.keys, watch.exist))
	default:
		opts = append(opts, awsapi.WithAuth(rt.keys))
	}
	h, err := awsapi.New(awsEngine{rt.engine}, rt.engine.Store(), opts...)
	if err != nil {
		return nil, fmt.Errorf("creating the AWS endpoints: %w", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == awsPrefix || strings.HasPrefix(r.URL.Path, awsPrefix+"/") {
			h.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	}), nil
}
