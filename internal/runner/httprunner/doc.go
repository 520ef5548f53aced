// Package httprunner is the http-request runner: one HTTP request per
// execution, with StackStorm's parameters (url, method, headers, body,
// params, cookies, username/password, verify_ssl_cert, allow_redirects,
// http_proxy/https_proxy, url_hosts_blacklist/whitelist, timeout) and
// result {status_code, body, parsed, headers}. As in StackStorm, status
// codes 200 to 206 succeed and every other code fails; a request that times
// out has status timeout.
package httprunner
