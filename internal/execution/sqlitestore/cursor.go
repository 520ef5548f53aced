package sqlitestore

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// cursor is the position after the last record of a page: its ordering
// time and id. Tokens are its opaque, URL-safe encoding.
type cursor struct {
	ts int64
	id string
}

// token encodes c.
func (c cursor) token() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(c.ts, 10) + ":" + c.id))
}

// parseToken decodes a page token; an empty token is the first page.
func parseToken(tok string) (cursor, bool, error) {
	if tok == "" {
		return cursor{}, false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return cursor{}, false, fmt.Errorf("decoding page token: %w", execution.ErrInvalid)
	}
	ts, id, ok := strings.Cut(string(b), ":")
	n, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil || id == "" {
		return cursor{}, false, fmt.Errorf("decoding page token: %w", execution.ErrInvalid)
	}
	return cursor{ts: n, id: id}, true, nil
}
