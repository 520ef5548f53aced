package intrinsic

import (
	"encoding/base64"
	"strings"
)

// maxEncodeInput is the longest string, in characters, that
// States.Base64Encode, States.Base64Decode and States.Hash accept.
const maxEncodeInput = 10000

// limitedString returns argument i, a string of at most maxEncodeInput
// characters.
func (in *invocation) limitedString(i int) (string, error) {
	s, err := in.str(i)
	if err != nil {
		return "", err
	}
	if n := javaLength(s); n > maxEncodeInput {
		return "", in.fail("the input is %d characters long, more than %d", n, maxEncodeInput)
	}
	return s, nil
}

// base64Encode implements States.Base64Encode(string): standard base64 of
// the UTF-8 bytes, padded.
func base64Encode(in *invocation) (any, error) {
	s, err := in.limitedString(0)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

// base64Decode implements States.Base64Decode(string): the decoded bytes as
// UTF-8 text, invalid sequences replaced by U+FFFD; padding is optional.
func base64Decode(in *invocation) (any, error) {
	s, err := in.limitedString(0)
	if err != nil {
		return nil, err
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, in.fail("the input is not valid base64: %v", err)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), nil
}
