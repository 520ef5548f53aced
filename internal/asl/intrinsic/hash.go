package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
)

// hashers are the algorithms States.Hash accepts.
var hashers = map[string]func() hash.Hash{
	"MD5":     md5.New,
	"SHA-1":   sha1.New,
	"SHA-256": sha256.New,
	"SHA-384": sha512.New384,
	"SHA-512": sha512.New,
}

// hashFn implements States.Hash(data, algorithm): the lower-case hex digest
// of data's UTF-8 bytes (a non-string is hashed as its JSON text).
func hashFn(in *invocation) (any, error) {
	data, ok := in.args[0].(string)
	if !ok {
		text, err := compactJSON(in.args[0])
		if err != nil {
			return nil, in.fail("argument 1 cannot be hashed: %v", err)
		}
		data = text
	}
	if n := javaLength(data); n > maxEncodeInput {
		return nil, in.fail("the input is %d characters long, more than %d", n, maxEncodeInput)
	}
	alg, err := in.str(1)
	if err != nil {
		return nil, err
	}
	newHash, ok := hashers[alg]
	if !ok {
		return nil, in.fail("unsupported algorithm %q: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512", alg)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}
