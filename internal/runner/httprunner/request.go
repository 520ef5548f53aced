package httprunner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/runner"
)

// ErrHostNotAllowed is returned (wrapped) when the URL's host is on
// url_hosts_blacklist or off url_hosts_whitelist.
var ErrHostNotAllowed = errors.New("host not allowed")

// request builds the HTTP request s describes.
func (s settings) request(ctx context.Context, actionName string) (*http.Request, error) {
	u, err := s.target()
	if err != nil {
		return nil, err
	}
	body, contentType, err := s.payload()
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, s.verb(), u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	for k, v := range s.headers {
		r.Header.Set(k, runner.PyStr(v))
	}
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	r.Header.Set("User-Agent", UserAgent)
	r.Header.Set("X-Stanley-Action", actionName)
	s.authorize(r)
	return r, nil
}

// verb is the method: as given, else POST when there is a body or a file,
// else GET.
func (s settings) verb() string {
	switch {
	case s.method != "":
		return strings.ToUpper(s.method)
	case s.hasFile() || (s.body != nil && s.body != ""):
		return http.MethodPost
	}
	return http.MethodGet
}

func (s settings) hasFile() bool { return s.fileName != "" && s.fileContent != "" }

// target parses the URL, checks its host against the lists and adds the
// params to its query.
func (s settings) target() (*url.URL, error) {
	u, err := url.Parse(s.url)
	if err != nil {
		return nil, fmt.Errorf("parsing url: %w", err)
	}
	host := strings.Trim(u.Hostname(), "[]")
	if slices.Contains(s.blacklist, host) {
		return nil, fmt.Errorf("URL %q is blacklisted: %w", s.url, ErrHostNotAllowed)
	}
	if len(s.whitelist) > 0 && !slices.Contains(s.whitelist, host) {
		return nil, fmt.Errorf("URL %q is not whitelisted: %w", s.url, ErrHostNotAllowed)
	}
	if len(s.params) > 0 {
		q := u.Query()
		addValues(q, s.params)
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// addValues adds params to q as Python's requests does: lists repeat the
// key, None is left out, other values are formatted with str().
func addValues(q url.Values, params map[string]any) {
	for k, v := range params {
		switch x := v.(type) {
		case nil:
		case []any:
			for _, item := range x {
				if item != nil {
					q.Add(k, runner.PyStr(item))
				}
			}
		default:
			q.Add(k, runner.PyStr(v))
		}
	}
}

// payload returns the request body and, when it decides it, its content
// type: JSON re-encoded when the headers say application/json, a form for
// an object body, multipart for a file, else the body as text.
func (s settings) payload() (io.Reader, string, error) {
	if s.hasFile() {
		return s.multipart()
	}
	if s.body == nil {
		return nil, "", nil
	}
	if s.isJSON() {
		b, err := jsonBody(s.body)
		return bytes.NewReader(b), "", err
	}
	switch b := s.body.(type) {
	case string:
		return strings.NewReader(b), "", nil
	case map[string]any:
		q := url.Values{}
		addValues(q, b)
		return strings.NewReader(q.Encode()), "application/x-www-form-urlencoded", nil
	}
	return strings.NewReader(runner.PyStr(s.body)), "", nil
}

func (s settings) isJSON() bool {
	for k, v := range s.headers {
		if strings.EqualFold(k, "content-type") {
			return runner.PyStr(v) == "application/json"
		}
	}
	return false
}

// jsonBody casts the body to a JSON value (a string is parsed) and encodes
// it compactly.
func jsonBody(body any) ([]byte, error) {
	if s, ok := body.(string); ok {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("request body (%s) can't be parsed as JSON: %w", s, err)
		}
		body = v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return nil, fmt.Errorf("encoding request body: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// multipart encodes file_content as the file field file_name.
func (s settings) multipart() (io.Reader, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name=%q; filename=%q`, s.fileName, s.fileName)}
	if s.fileContentType != "" {
		h["Content-Type"] = []string{s.fileContentType}
	}
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = io.WriteString(part, s.fileContent)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, "", fmt.Errorf("encoding file upload: %w", err)
	}
	return &buf, w.FormDataContentType(), nil
}

// authorize adds basic auth and cookies.
func (s settings) authorize(r *http.Request) {
	if (s.username != "" || s.password != "") && !s.digest() {
		r.SetBasicAuth(s.username, s.password)
	}
	for k, v := range s.cookies {
		r.AddCookie(&http.Cookie{Name: k, Value: runner.PyStr(v)})
	}
}
