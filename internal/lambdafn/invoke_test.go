package lambdafn

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/awsjson"
)

// lambdaServer answers Invoke calls with answer(attempt) after checking
// the request's shape.
func lambdaServer(t *testing.T, answer func(n int, w http.ResponseWriter, body string)) (*LambdaClient, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if r.Method != http.MethodPost || r.URL.Path != "/2015-03-31/functions/stormless-py/invocations" {
			t.Errorf("got %s %s, want POST /2015-03-31/functions/stormless-py/invocations", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("X-Amz-Invocation-Type"); got != "RequestResponse" {
			t.Errorf("got invocation type %q, want RequestResponse", got)
		}
		if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/eu-west-1/lambda/aws4_request") {
			t.Errorf("got Authorization %q, want a SigV4 signature for lambda in eu-west-1", auth)
		}
		b, _ := io.ReadAll(r.Body)
		answer(n, w, string(b))
	}))
	t.Cleanup(srv.Close)
	env := envOf(map[string]string{EnvRegion: "eu-west-1", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "AWS_ENDPOINT_URL": srv.URL + "/"})
	c, err := env.Lambda()
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = func(context.Context, time.Duration) error { return nil }
	return c, &calls
}

func TestInvoke(t *testing.T) {
	c, _ := lambdaServer(t, func(_ int, w http.ResponseWriter, body string) {
		_, _ = io.WriteString(w, `{"echo":`+body+`}`)
	})
	out, err := c.Invoke(t.Context(), "stormless-py", []byte(`{"a":1}`))
	if err != nil || string(out) != `{"echo":{"a":1}}` {
		t.Errorf("got %s %v, want the function's answer", out, err)
	}
}

func TestInvokeErrors(t *testing.T) {
	tests := []struct {
		name      string
		answer    func(n int, w http.ResponseWriter)
		wantCalls int32
		check     func(t *testing.T, err error)
	}{
		{name: "function error", wantCalls: 1, answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			_, _ = io.WriteString(w, `{"errorType":"InvocationError","errorMessage":"the event's start.entry_point must name the action's file"}`)
		}, check: func(t *testing.T, err error) {
			var fe *FunctionError
			if !errors.As(err, &fe) || fe.Type != "InvocationError" || fe.Kind != "Unhandled" || !strings.Contains(fe.Message, "entry_point") {
				t.Errorf("got %v, want a FunctionError with the function's type and message", err)
			}
		}},
		{name: "not found", wantCalls: 1, answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"Type":"User","Message":"Function not found: stormless-py"}`)
		}, check: func(t *testing.T, err error) {
			if !awsjson.IsCode(err, "ResourceNotFoundException") || !strings.Contains(err.Error(), "Function not found") {
				t.Errorf("got %v, want ResourceNotFoundException with its message", err)
			}
		}},
		{name: "5xx is not retried", wantCalls: 1, answer: func(_ int, w http.ResponseWriter) {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, `{"__type":"ServiceException","message":"oops"}`)
		}, check: func(t *testing.T, err error) {
			if !awsjson.IsCode(err, "ServiceException") {
				t.Errorf("got %v, want ServiceException", err)
			}
		}},
		{name: "throttled four times", wantCalls: 4, answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
			w.WriteHeader(http.StatusTooManyRequests)
		}, check: func(t *testing.T, err error) {
			if !awsjson.IsCode(err, "TooManyRequestsException") {
				t.Errorf("got %v, want TooManyRequestsException", err)
			}
		}},
		{name: "throttled then served", wantCalls: 2, answer: func(n int, w http.ResponseWriter) {
			if n == 1 {
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			_, _ = io.WriteString(w, `{}`)
		}, check: func(t *testing.T, err error) {
			if err != nil {
				t.Errorf("got %v, want the second call's answer", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, calls := lambdaServer(t, func(n int, w http.ResponseWriter, _ string) { tt.answer(n, w) })
			_, err := c.Invoke(t.Context(), "stormless-py", []byte(`{}`))
			tt.check(t, err)
			if calls.Load() != tt.wantCalls {
				t.Errorf("got %d calls, want %d", calls.Load(), tt.wantCalls)
			}
		})
	}
}

func TestLambdaClientConfig(t *testing.T) {
	if _, err := NewLambdaClient("", "https://x", nil); err == nil {
		t.Error("got no error without region and credentials")
	}
	if _, err := envOf(map[string]string{}).Lambda(); err == nil {
		t.Error("got no error without AWS_REGION")
	}
	c, _ := lambdaServer(t, func(int, http.ResponseWriter, string) {})
	if _, err := c.Invoke(t.Context(), "", nil); err == nil || !strings.Contains(err.Error(), "no function name") {
		t.Errorf("got %v, want a missing function name refused", err)
	}
}
