package httprunner

import (
	"crypto/tls"
	"net/http"
	"net/url"
)

// client returns the HTTP client for one request: redirects followed only
// when allow_redirects is set, proxies and certificate checks as asked.
func (r *Runner) client(s settings) *http.Client {
	c := &http.Client{Transport: r.transport}
	if c.Transport == nil {
		c.Transport = transport(s)
	}
	if !s.allowRedirects {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return c
}

func transport(s settings) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableKeepAlives = true
	t.TLSClientConfig = &tls.Config{InsecureSkipVerify: !s.verifySSL} //nolint:gosec // verify_ssl_cert: false asks for it
	t.Proxy = func(req *http.Request) (*url.URL, error) {
		raw := s.httpProxy
		if req.URL.Scheme == "https" {
			raw = s.httpsProxy
		}
		if raw == "" {
			return http.ProxyFromEnvironment(req)
		}
		return url.Parse(raw)
	}
	return t
}
