package httprunner

import (
	"crypto/md5" //nolint:gosec // HTTP digest auth is defined with MD5
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"strings"
)

// challenge is a parsed "WWW-Authenticate: Digest ..." header.
type challenge map[string]string

// parseDigest returns the Digest challenge of resp, false when it has
// none.
func parseDigest(resp *http.Response) (challenge, bool) {
	for _, h := range resp.Header.Values("WWW-Authenticate") {
		if len(h) > 7 && strings.EqualFold(h[:7], "digest ") {
			return parseParams(h[7:]), true
		}
	}
	return nil, false
}

// parseParams reads comma-separated key=value pairs, values optionally
// quoted.
func parseParams(s string) challenge {
	c := challenge{}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimLeft(strings.TrimSpace(s), ",") {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimSpace(s[eq+1:])
		var val string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				end = len(s) - 1
			}
			val, s = s[1:end+1], s[min(end+2, len(s)):]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			val, s = strings.TrimSpace(s[:end]), s[end:]
		}
		c[key] = val
	}
	return c
}

// authorization answers challenge c for r (RFC 7616, qop auth or none,
// MD5 or SHA-256).
func (c challenge) authorization(r *http.Request, user, password string) (string, error) {
	newHash := func() hash.Hash { return md5.New() } //nolint:gosec // required by the scheme
	switch strings.ToUpper(c["algorithm"]) {
	case "", "MD5":
	case "SHA-256":
		newHash = sha256.New
	default:
		return "", fmt.Errorf("unsupported digest algorithm %q", c["algorithm"])
	}
	h := func(s string) string { x := newHash(); x.Write([]byte(s)); return hex.EncodeToString(x.Sum(nil)) }
	uri := r.URL.RequestURI()
	ha1, ha2 := h(user+":"+c["realm"]+":"+password), h(r.Method+":"+uri)
	fields := fmt.Sprintf(`username=%q, realm=%q, nonce=%q, uri=%q`, user, c["realm"], c["nonce"], uri)
	if qopAuth(c["qop"]) {
		cnonce := make([]byte, 8)
		if _, err := rand.Read(cnonce); err != nil {
			return "", fmt.Errorf("making a client nonce: %w", err)
		}
		cn := hex.EncodeToString(cnonce)
		fields += fmt.Sprintf(`, qop=auth, nc=00000001, cnonce=%q, response=%q`, cn, h(ha1+":"+c["nonce"]+":00000001:"+cn+":auth:"+ha2))
	} else {
		fields += fmt.Sprintf(`, response=%q`, h(ha1+":"+c["nonce"]+":"+ha2))
	}
	if c["opaque"] != "" {
		fields += fmt.Sprintf(`, opaque=%q`, c["opaque"])
	}
	if c["algorithm"] != "" {
		fields += ", algorithm=" + c["algorithm"]
	}
	return "Digest " + fields, nil
}

func qopAuth(qop string) bool {
	for _, q := range strings.Split(qop, ",") {
		if strings.TrimSpace(q) == "auth" {
			return true
		}
	}
	return false
}
