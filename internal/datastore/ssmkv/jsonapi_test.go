package ssmkv

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stormless/stormless/internal/awsjson"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/datastoretest"
)

// ssmServer serves the SSM JSON protocol from a fake: what JSONAPI sends
// is decoded as SSM would, errors answer with SSM's __type codes.
func ssmServer(t *testing.T, f *fakeSSM) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSSM.")
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		var out any
		var err error
		ctx := r.Context()
		switch op {
		case "PutParameter":
			var in PutParameterInput
			if err = dec.Decode(&in); err == nil {
				err = f.PutParameter(ctx, &in)
			}
		case "GetParameter":
			var in GetParameterInput
			if err = dec.Decode(&in); err == nil {
				out, err = f.GetParameter(ctx, &in)
			}
		case "DeleteParameter":
			var in DeleteParameterInput
			if err = dec.Decode(&in); err == nil {
				err = f.DeleteParameter(ctx, &in)
			}
		case "GetParametersByPath":
			var in GetParametersByPathInput
			if err = dec.Decode(&in); err == nil {
				out, err = f.GetParametersByPath(ctx, &in)
			}
		case "DescribeParameters":
			var in DescribeParametersInput
			if err = dec.Decode(&in); err == nil {
				out, err = f.DescribeParameters(ctx, &in)
			}
		default:
			http.Error(w, `{"__type":"UnknownOperationException"}`, 400)
			return
		}
		if err != nil {
			code := "ValidationException"
			if errors.Is(err, ErrParameterNotFound) {
				code = "ParameterNotFound"
			}
			w.WriteHeader(400)
			_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.ssm#" + code, "message": err.Error()})
			return
		}
		if out == nil {
			out = map[string]any{}
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestConformanceOverJSON runs the suite through JSONAPI and the wire.
func TestConformanceOverJSON(t *testing.T) {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "a", SecretAccessKey: "b"}, nil
	})
	datastoretest.Run(t, func(t *testing.T, now func() time.Time) datastore.Store {
		srv := ssmServer(t, newFakeSSM())
		c, err := awsjson.New(awsjson.SSM, "eu-west-1", creds, awsjson.WithEndpoint(srv.URL))
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(JSONAPI{Client: c}, WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
