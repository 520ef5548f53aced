package datastore

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// PageToken returns the opaque Page.Next that continues a listing after
// the item at k. Adapters that page by key share it.
func PageToken(k Key) string {
	b, _ := json.Marshal([]string{string(k.Scope), k.User, k.Name}) // strings always encode
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParsePageToken returns the key a PageToken was made from; it fails with
// ErrInvalid for anything else.
func ParsePageToken(tok string) (Key, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	var parts []string
	if err == nil {
		err = json.Unmarshal(b, &parts)
	}
	if err != nil || len(parts) != 3 {
		return Key{}, fmt.Errorf("decoding page token: %w", ErrInvalid)
	}
	return Key{Scope: Scope(parts[0]), User: parts[1], Name: parts[2]}, nil
}

// Compare orders keys as listings do, by scope, user and name; it returns
// -1, 0 or +1 like cmp.Compare.
func (k Key) Compare(o Key) int {
	return cmp.Or(cmp.Compare(k.Scope, o.Scope), cmp.Compare(k.User, o.User), cmp.Compare(k.Name, o.Name))
}
