package lambdafn

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/stormless/stormless/internal/awsjson"
)

// LambdaClient calls Lambda's Invoke (synchronous, RequestResponse) with
// a SigV4-signed REST call: Invoke is a REST-JSON operation (POST
// /2015-03-31/functions/{name}/invocations, the payload as the body), not
// an AWS JSON one, so awsjson cannot make it, and the SDK's Lambda client
// would add megabytes to the runner function. Throttling (HTTP 429) is
// retried with backoff, up to four calls; nothing else is, since a
// function that answered 5xx may have run. It is safe for concurrent use.
type LambdaClient struct {
	region   string
	endpoint string
	creds    aws.CredentialsProvider
	http     *http.Client
	signer   *v4.Signer
	sleep    func(context.Context, time.Duration) error
}

// FunctionError is a function that ran and failed (Lambda's
// X-Amz-Function-Error answer): an unhandled exception or a timeout.
type FunctionError struct {
	// Function is the function's name; Kind is "Unhandled" or "Handled".
	Function, Kind string
	// Type and Message are the function's errorType and errorMessage.
	Type, Message string
}

// Error names the function and its error.
func (e *FunctionError) Error() string {
	return fmt.Sprintf("function %s failed (%s): %s: %s", e.Function, e.Kind, e.Type, e.Message)
}

// Lambda returns the Lambda client of e's region, credentials and
// endpoint override.
func (e Env) Lambda() (*LambdaClient, error) {
	cfg, err := e.AWS()
	if err != nil {
		return nil, err
	}
	endpoint := "https://lambda." + cfg.Region + ".amazonaws.com"
	if cfg.BaseEndpoint != nil {
		endpoint = strings.TrimSuffix(*cfg.BaseEndpoint, "/")
	}
	return NewLambdaClient(cfg.Region, endpoint, cfg.Credentials)
}

// NewLambdaClient returns a client calling endpoint in region, signing
// with creds. Invocations last as long as ctx allows (no client timeout:
// a function may run for 15 minutes).
func NewLambdaClient(region, endpoint string, creds aws.CredentialsProvider) (*LambdaClient, error) {
	if region == "" || endpoint == "" || creds == nil {
		return nil, errors.New("creating the Lambda client: a region, an endpoint and credentials are required")
	}
	return &LambdaClient{region: region, endpoint: strings.TrimSuffix(endpoint, "/"), creds: creds,
		http: &http.Client{}, signer: v4.NewSigner(), sleep: sleepCtx}, nil
}

// Invoke runs function (a name or ARN) with payload and returns its
// answer. A function that failed is a *FunctionError; an error answer of
// Lambda itself an *awsjson.Error carrying its code
// (ResourceNotFoundException, AccessDeniedException, ...).
func (c *LambdaClient) Invoke(ctx context.Context, function string, payload []byte) ([]byte, error) {
	if function == "" {
		return nil, errors.New("invoking a Lambda function: no function name")
	}
	var last error
	for attempt := range 4 {
		if attempt > 0 {
			d := min(100*time.Millisecond<<attempt, 2*time.Second)
			if err := c.sleep(ctx, d/2+rand.N(d/2+1)); err != nil {
				return nil, fmt.Errorf("invoking %s: %w (after %v)", function, err, last)
			}
		}
		out, err := c.invoke(ctx, function, payload)
		var e *awsjson.Error
		if err == nil || !errors.As(err, &e) || e.Status != http.StatusTooManyRequests {
			return out, err
		}
		last = err
	}
	return nil, last
}

// invoke makes one call.
func (c *LambdaClient) invoke(ctx context.Context, function string, payload []byte) ([]byte, error) {
	u := c.endpoint + "/2015-03-31/functions/" + url.PathEscape(function) + "/invocations"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("invoking %s: %w", function, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Amz-Invocation-Type", "RequestResponse")
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("invoking %s: retrieving credentials: %w", function, err)
	}
	sum := sha256.Sum256(payload)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "lambda", c.region, time.Now()); err != nil {
		return nil, fmt.Errorf("invoking %s: signing: %w", function, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("invoking %s: %w", function, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, fmt.Errorf("invoking %s: reading the answer: %w", function, err)
	}
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("invoking %s: %w", function, serviceError(resp, body))
	}
	if kind := resp.Header.Get("X-Amz-Function-Error"); kind != "" {
		return nil, functionError(function, kind, body)
	}
	return body, nil
}

// serviceError reads Lambda's error answer: the code from
// X-Amzn-ErrorType (or the body's Type/__type), the message from the body.
func serviceError(resp *http.Response, body []byte) *awsjson.Error {
	var b struct {
		Type     string `json:"__type"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	_ = json.Unmarshal(body, &b)
	code := resp.Header.Get("X-Amzn-ErrorType")
	if code == "" {
		code = b.Type
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if code == "" {
		code = http.StatusText(resp.StatusCode)
	}
	msg := b.Message
	if msg == "" {
		msg = b.MessageU
	}
	return &awsjson.Error{Code: code, Message: msg, Status: resp.StatusCode}
}

// functionError reads a failed function's {errorType, errorMessage}.
func functionError(function, kind string, body []byte) *FunctionError {
	var b struct {
		Type    string `json:"errorType"`
		Message string `json:"errorMessage"`
	}
	if json.Unmarshal(body, &b) != nil || b.Message == "" && b.Type == "" {
		b.Message = strings.TrimSpace(string(body))
	}
	return &FunctionError{Function: function, Kind: kind, Type: b.Type, Message: b.Message}
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
