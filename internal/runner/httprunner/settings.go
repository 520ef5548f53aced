package httprunner

import (
	"errors"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// settings are the parameters of one request.
type settings struct {
	url, method, auth, username, password, httpProxy, httpsProxy string
	fileName, fileContent, fileContentType                       string
	body                                                         any
	headers, params, cookies                                     map[string]any
	verifySSL, allowRedirects                                    bool
	blacklist, whitelist                                         []string
	timeout                                                      time.Duration
}

// readSettings reads the runner and action parameters of req with
// StackStorm's defaults.
func readSettings(req runner.Request) (settings, error) {
	p := req.Params()
	s := settings{
		url: p.String("url", ""), method: p.String("method", ""), auth: p.String("auth", ""),
		username: p.String("username", ""), password: p.String("password", ""),
		httpProxy: p.String("http_proxy", ""), httpsProxy: p.String("https_proxy", ""),
		fileName: p.String("file_name", ""), fileContent: p.String("file_content", ""),
		fileContentType: p.String("file_content_type", ""), body: req.Parameters["body"],
		headers: p.Object("headers"), params: p.Object("params"), cookies: p.Object("cookies"),
		verifySSL: p.Bool("verify_ssl_cert", true), allowRedirects: p.Bool("allow_redirects", false),
		blacklist: p.Strings("url_hosts_blacklist"), whitelist: p.Strings("url_hosts_whitelist"),
		timeout: time.Duration(p.Number("timeout", DefaultTimeout.Seconds()) * float64(time.Second)),
	}
	if err := p.Err(); err != nil {
		return s, err
	}
	return s, s.check()
}

// digest tells whether the request answers a Digest challenge rather
// than sending basic credentials: auth "digest", a Stormless extension
// (StackStorm only does basic auth).
func (s settings) digest() bool {
	return strings.EqualFold(s.auth, "digest") && (s.username != "" || s.password != "")
}

// check applies the defaults and checks what must hold before a request.
func (s *settings) check() error {
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.url == "" {
		return &runner.ParameterError{Name: "url", Reason: "URL must be specified"}
	}
	if len(s.blacklist) > 0 && len(s.whitelist) > 0 {
		return errors.New(`"url_hosts_blacklist" and "url_hosts_whitelist" parameters are mutually exclusive, only one should be provided`)
	}
	return nil
}
