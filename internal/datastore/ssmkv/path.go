package ssmkv

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// path returns the parameter name of k.
func (s *Store) path(k datastore.Key) string {
	if k.Scope == datastore.ScopeUser {
		return s.root + "/user/" + escape(k.User) + "/" + escape(k.Name)
	}
	return s.root + "/system/" + escape(k.Name)
}

// keyOf returns the key of parameter name, and false for a parameter
// under the root that no key maps to.
func (s *Store) keyOf(name string) (datastore.Key, bool) {
	rest, ok := strings.CutPrefix(name, s.root+"/")
	if !ok {
		return datastore.Key{}, false
	}
	parts := strings.Split(rest, "/")
	var k datastore.Key
	var err1, err2 error
	switch {
	case len(parts) == 2 && parts[0] == "system":
		k.Scope = datastore.ScopeSystem
		k.Name, err1 = unescape(parts[1])
	case len(parts) == 3 && parts[0] == "user":
		k.Scope = datastore.ScopeUser
		k.User, err1 = unescape(parts[1])
		k.Name, err2 = unescape(parts[2])
	default:
		return k, false
	}
	return k, err1 == nil && err2 == nil && k.Validate() == nil
}

// plain reports whether c stays itself in an escaped segment.
func plain(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// escape maps v into SSM's name alphabet: plain bytes stay, every other
// becomes -HH.
func escape(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if c := v[i]; plain(c) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "-%02X", c)
		}
	}
	return b.String()
}

// unescape undoes escape.
func unescape(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '-' {
			b.WriteByte(c)
			continue
		}
		if i+2 >= len(v) {
			return "", fmt.Errorf("unescaping %q: truncated escape at %d", v, i)
		}
		x, err := strconv.ParseUint(v[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("unescaping %q: bad escape at %d", v, i)
		}
		b.WriteByte(byte(x))
		i += 2
	}
	return b.String(), nil
}

// meta is what the description of a parameter carries.
type meta struct {
	expires time.Time
	empty   bool
}

// describedAs opens every description this adapter writes.
const describedAs = "stormless datastore item"

// String returns the description of m.
func (m meta) String() string {
	s := describedAs
	if !m.expires.IsZero() {
		s += "; expires=" + m.expires.Format(time.RFC3339Nano)
	}
	if m.empty {
		s += "; empty"
	}
	return s
}

// parseMeta reads a description; parts it does not know are ignored.
func parseMeta(desc string) meta {
	var m meta
	for part := range strings.SplitSeq(desc, ";") {
		part = strings.TrimSpace(part)
		if v, ok := strings.CutPrefix(part, "expires="); ok {
			m.expires, _ = time.Parse(time.RFC3339Nano, v)
		}
		if part == "empty" {
			m.empty = true
		}
	}
	return m
}

// expired reports whether the item has expired at now.
func (m meta) expired(now time.Time) bool {
	return !m.expires.IsZero() && !now.Before(m.expires)
}

// keyValue builds the item of k from its parameter.
func (m meta) keyValue(k datastore.Key, typ string, value string, decrypted bool) datastore.KeyValue {
	secret := typ == TypeSecureString
	if m.empty && (!secret || decrypted) {
		value = ""
	}
	return datastore.KeyValue{Name: k.Name, Value: value, Scope: k.Scope, User: k.User, Secret: secret,
		Encrypted: secret && !decrypted, ExpireTimestamp: m.expires}
}
