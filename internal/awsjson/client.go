// Package awsjson calls AWS services that speak the AWS JSON protocol
// (1.0 and 1.1: SSM, Step Functions, EventBridge) with SigV4-signed
// requests: the few calls the Lambda functions make, without linking the
// SDK's per-service clients (each costs megabytes of binary and start-up
// time; the functions must stay under 20 MB). Requests and responses are
// the services' documented JSON shapes, written as Go structs by the
// callers.
//
// A Client retries throttling and 5xx answers with exponential backoff
// and jitter (up to MaxAttempts calls); other errors are returned at once
// as an *Error carrying AWS's error code. It is safe for concurrent use.
package awsjson

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
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Service names one AWS JSON service.
type Service struct {
	// SigningName is the SigV4 service name and the endpoint prefix.
	SigningName string
	// TargetPrefix prefixes the operation in X-Amz-Target.
	TargetPrefix string
	// JSONVersion is "1.0" or "1.1".
	JSONVersion string
}

// The services the functions call.
var (
	SSM           = Service{SigningName: "ssm", TargetPrefix: "AmazonSSM", JSONVersion: "1.1"}
	StepFunctions = Service{SigningName: "states", TargetPrefix: "AWSStepFunctions", JSONVersion: "1.0"}
	EventBridge   = Service{SigningName: "events", TargetPrefix: "AWSEvents", JSONVersion: "1.1"}
)

// Client calls one service in one region.
type Client struct {
	service     Service
	region      string
	endpoint    string
	creds       aws.CredentialsProvider
	http        *http.Client
	signer      *v4.Signer
	maxAttempts int
	sleep       func(context.Context, time.Duration) error
}

// Option configures a Client.
type Option func(*Client)

// WithEndpoint sends requests to url instead of the service's regional
// endpoint (LocalStack, the local AWS-compatible API, tests).
func WithEndpoint(url string) Option {
	return func(c *Client) { c.endpoint = strings.TrimSuffix(url, "/") }
}

// WithHTTPClient sets the HTTP client (default: one with a 30 s timeout).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithMaxAttempts sets how many calls a retryable failure gets (default 4).
func WithMaxAttempts(n int) Option { return func(c *Client) { c.maxAttempts = max(n, 1) } }

// New returns a client of service in region, signing with creds.
func New(service Service, region string, creds aws.CredentialsProvider, opts ...Option) (*Client, error) {
	if region == "" || creds == nil || service.SigningName == "" {
		return nil, errors.New("creating AWS JSON client: a service, a region and credentials are required")
	}
	c := &Client{service: service, region: region, creds: creds, signer: v4.NewSigner(),
		http: &http.Client{Timeout: 30 * time.Second}, maxAttempts: 4, sleep: sleep,
		endpoint: "https://" + service.SigningName + "." + region + ".amazonaws.com"}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// Error is an error answer of the service.
type Error struct {
	// Code is AWS's error code, such as ParameterNotFound.
	Code    string
	Message string
	// Status is the HTTP status.
	Status int
}

// Error returns the code and message.
func (e *Error) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// retryable reports whether the error is worth another call.
func (e *Error) retryable() bool {
	if e.Status >= 500 {
		return true
	}
	switch e.Code {
	case "ThrottlingException", "Throttling", "TooManyUpdates", "ThrottledException", "RequestLimitExceeded",
		"ProvisionedThroughputExceededException", "LimitExceededException", "RequestTimeout":
		return true
	}
	return false
}

// IsCode reports whether err is an *Error with code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// Call invokes operation op with in (JSON-encoded) and decodes the answer
// into out (nil to ignore it).
func (c *Client) Call(ctx context.Context, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("calling %s.%s: encoding request: %w", c.service.TargetPrefix, op, err)
	}
	var last error
	for attempt := range c.maxAttempts {
		if attempt > 0 {
			d := min(50*time.Millisecond<<attempt, 2*time.Second)
			if err := c.sleep(ctx, d/2+rand.N(d/2+1)); err != nil {
				return fmt.Errorf("calling %s.%s: %w (after %v)", c.service.TargetPrefix, op, err, last)
			}
		}
		resp, err := c.do(ctx, op, body)
		if err != nil {
			last = err
			if ctx.Err() != nil {
				break
			}
			continue // a transport error: try again
		}
		if e := decodeError(resp); e != nil {
			last = e
			if e.retryable() {
				continue
			}
			break
		}
		if out != nil && len(resp.body) > 0 {
			if err := json.Unmarshal(resp.body, out); err != nil {
				return fmt.Errorf("calling %s.%s: decoding answer: %w", c.service.TargetPrefix, op, err)
			}
		}
		return nil
	}
	return fmt.Errorf("calling %s.%s: %w", c.service.TargetPrefix, op, last)
}

// answer is a read response.
type answer struct {
	status int
	body   []byte
}

// do sends one signed request.
func (c *Client) do(ctx context.Context, op string, body []byte) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-"+c.service.JSONVersion)
	req.Header.Set("X-Amz-Target", c.service.TargetPrefix+"."+op)
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return answer{}, fmt.Errorf("retrieving credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), c.service.SigningName, c.region, time.Now()); err != nil {
		return answer{}, fmt.Errorf("signing request: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return answer{}, err
	}
	return answer{status: resp.StatusCode, body: b}, nil
}

// decodeError returns the *Error of an error answer, nil for a success.
func decodeError(a answer) *Error {
	if a.status < 300 {
		return nil
	}
	var e struct {
		Type     string `json:"__type"`
		Code     string `json:"code"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	_ = json.Unmarshal(a.body, &e)
	code := e.Type
	if code == "" {
		code = e.Code
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if code == "" {
		code = http.StatusText(a.status)
	}
	msg := e.Message
	if msg == "" {
		msg = e.MessageU
	}
	return &Error{Code: code, Message: msg, Status: a.status}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
