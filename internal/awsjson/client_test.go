package awsjson

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", SessionToken: "tok"}, nil
})

func client(t *testing.T, url string, opts ...Option) *Client {
	t.Helper()
	c, err := New(SSM, "eu-west-1", creds, append([]Option{WithEndpoint(url)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

func TestCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		checks := []struct{ name, got, want string }{
			{"target", r.Header.Get("X-Amz-Target"), "AmazonSSM.GetParameter"},
			{"content type", r.Header.Get("Content-Type"), "application/x-amz-json-1.1"},
			{"token", r.Header.Get("X-Amz-Security-Token"), "tok"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
			}
		}
		if a := r.Header.Get("Authorization"); !strings.HasPrefix(a, "AWS4-HMAC-SHA256 Credential=AKID/") || !strings.Contains(a, "/eu-west-1/ssm/aws4_request") {
			t.Errorf("authorization: got %q, want a SigV4 signature for ssm in eu-west-1", a)
		}
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"Name":"/x","WithDecryption":true}` {
			t.Errorf("body: got %s", b)
		}
		_, _ = w.Write([]byte(`{"Parameter":{"Name":"/x","Value":"v"}}`))
	}))
	defer srv.Close()
	var out struct{ Parameter struct{ Name, Value string } }
	in := struct {
		Name           string
		WithDecryption bool
	}{"/x", true}
	if err := client(t, srv.URL).Call(t.Context(), "GetParameter", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Parameter.Value != "v" {
		t.Errorf("got %+v, want value v", out)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		failures  int32
		wantCalls int32
		wantCode  string
	}{
		{"not found is not retried", 400, `{"__type":"com.amazonaws.ssm#ParameterNotFound","message":"no"}`, 99, 1, "ParameterNotFound"},
		{"throttling is retried", 400, `{"__type":"ThrottlingException","message":"slow down"}`, 2, 3, ""},
		{"5xx is retried until the last attempt", 503, `{}`, 99, 4, "Service Unavailable"},
		{"json 1.0 code with a suffix", 400, `{"__type":"com.amazonaws.swf.service.model#ExecutionDoesNotExist:http://x","Message":"gone"}`, 99, 1, "ExecutionDoesNotExist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) <= tt.failures {
					w.WriteHeader(tt.status)
					_, _ = w.Write([]byte(tt.body))
					return
				}
				_, _ = w.Write([]byte(`{}`))
			}))
			defer srv.Close()
			err := client(t, srv.URL).Call(t.Context(), "GetParameter", map[string]string{}, nil)
			if calls.Load() != tt.wantCalls {
				t.Errorf("got %d calls, want %d", calls.Load(), tt.wantCalls)
			}
			if tt.wantCode == "" {
				if err != nil {
					t.Errorf("got %v, want success after retries", err)
				}
				return
			}
			if !IsCode(err, tt.wantCode) {
				t.Errorf("got %v, want code %s", err, tt.wantCode)
			}
		})
	}
}

func TestNew(t *testing.T) {
	if _, err := New(SSM, "", creds); err == nil {
		t.Error("no region: got no error")
	}
	c, err := New(EventBridge, "us-east-1", creds)
	if err != nil || c.endpoint != "https://events.us-east-1.amazonaws.com" {
		t.Errorf("got %v, %v; want the regional endpoint", c, err)
	}
}
