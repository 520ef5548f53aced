package httprunner

import (
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// settings are the parameters of one request.
type settings struct {
	url, method, username, password, httpProxy, httpsProxy string
	auth                                                   string
	fileName, fileContent, fileContentType                 string
	body                                                   any
	headers, params, cookies                               map[string]any
	verifySSL, allowRedirects                              bool
	blacklist, whitelist                                   []string
	timeout                                                time.Duration
}

// readSettings reads the runner and action parameters of req with
// StackStorm's defaults.
func readSettings(req runner.Request) (settings, error) {
	s := settings{body: req.Parameters["body"]}
	var err error
	str := func(dst *string, name string) {
		if err == nil {
			*dst, err = req.String(name, "")
		}
	}
	obj := func(dst *map[string]any, name string) {
		if err == nil {
			*dst, err = req.Object(name)
		}
	}
	list := func(dst *[]string, name string) {
		if err == nil {
			*dst, err = req.Strings(name)
		}
	}
	boolean := func(dst *bool, name string, def bool) {
		if err == nil {
			*dst, err = req.Bool(name, def)
		}
	}
	for _, f := range []struct {
		dst  *string
		name string
	}{{&s.url, "url"}, {&s.method, "method"}, {&s.auth, "auth"}, {&s.username, "username"}, {&s.password, "password"},
		{&s.httpProxy, "http_proxy"}, {&s.httpsProxy, "https_proxy"}, {&s.fileName, "file_name"},
		{&s.fileContent, "file_content"}, {&s.fileContentType, "file_content_type"}} {
		str(f.dst, f.name)
	}
	obj(&s.headers, "headers")
	obj(&s.params, "params")
	obj(&s.cookies, "cookies")
	list(&s.blacklist, "url_hosts_blacklist")
	list(&s.whitelist, "url_hosts_whitelist")
	boolean(&s.verifySSL, "verify_ssl_cert", true)
	boolean(&s.allowRedirects, "allow_redirects", false)
	if err != nil {
		return s, err
	}
	return s, s.finish(req)
}

// digest tells whether the request answers a Digest challenge rather
// than sending basic credentials: auth "digest", a Stormless extension
// (StackStorm only does basic auth).
func (s settings) digest() bool {
	return strings.EqualFold(s.auth, "digest") && (s.username != "" || s.password != "")
}

// finish reads the timeout and checks what must hold before a request.
func (s *settings) finish(req runner.Request) error {
	secs, err := req.Number("timeout", DefaultTimeout.Seconds())
	if err != nil {
		return err
	}
	s.timeout = time.Duration(secs * float64(time.Second))
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.url == "" {
		return &runner.ParameterError{Name: "url", Reason: "URL must be specified"}
	}
	if len(s.blacklist) > 0 && len(s.whitelist) > 0 {
		return fmt.Errorf(`"url_hosts_blacklist" and "url_hosts_whitelist" parameters are mutually exclusive, only one should be provided`)
	}
	return nil
}
