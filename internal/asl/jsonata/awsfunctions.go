package jsonata

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/blues/jsonata-go/jtypes"
)

// maxRange is the most elements $range may produce.
const maxRange = 1000

// fail returns a *functionError for an added function.
func fail(format string, args ...any) error {
	return &functionError{code: "D3137", msg: fmt.Sprintf(format, args...)}
}

// partition implements $partition(array, size): chunks of size elements.
// A single value counts as a one-element array, as in JSONata; undefined
// yields undefined.
func partition(v any, size float64) ([]any, error) {
	if v == nil {
		return nil, jtypes.ErrUndefined
	}
	a, ok := v.([]any)
	if !ok {
		a = []any{v}
	}
	if size <= 0 || size != math.Trunc(size) {
		return nil, fail("$partition: the chunk size must be a positive integer, got %v", size)
	}
	n := int(size)
	out := []any{}
	for start := 0; start < len(a); start += n {
		out = append(out, append([]any{}, a[start:min(start+n, len(a))]...))
	}
	return out, nil
}

// rangeOf implements $range(first, last, step): first, first+step, ... up
// to last included, at most 1000 numbers. Like a JSONata sequence, one
// number is returned as itself and none as undefined, as AWS does.
func rangeOf(first, last, step float64) (any, error) {
	for _, f := range []float64{first, last, step} {
		if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
			return nil, fail("$range: arguments must be integers, got %v", f)
		}
	}
	if step == 0 {
		return nil, fail("$range: the step must not be 0")
	}
	count := 0.0
	if (step > 0 && last >= first) || (step < 0 && last <= first) {
		count = math.Floor((last-first)/step) + 1
	}
	if count > maxRange {
		return nil, fail("$range: the range would have %v elements, more than %d", count, maxRange)
	}
	out := make([]any, int(count))
	for i := range out {
		out[i] = first + float64(i)*step
	}
	return sequence(out)
}

// hashers are the algorithms $hash accepts.
var hashers = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

// hashOf implements $hash(data, algorithm): the lower-case hex digest of
// the string's UTF-8 bytes.
func hashOf(data, algorithm string) (string, error) {
	newHash, ok := hashers[algorithm]
	if !ok {
		return "", fail("$hash: unsupported algorithm %q: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512", algorithm)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// parse implements $parse(text): the JSON value text holds.
func parse(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fail("$parse: the string is not valid JSON: %v", err)
	}
	if dec.More() {
		return nil, fail("$parse: unexpected data after the JSON value")
	}
	return positiveZero(v), nil
}

// positiveZero replaces -0 by 0 throughout v.
func positiveZero(v any) any {
	switch v := v.(type) {
	case float64:
		if v == 0 {
			return 0.0
		}
	case []any:
		for i, e := range v {
			v[i] = positiveZero(e)
		}
	case map[string]any:
		for k, e := range v {
			v[k] = positiveZero(e)
		}
	}
	return v
}

// randomFunc returns $random([seed]): a number in [0, 1); with a seed, the
// same number for the same seed.
func randomFunc(src rand.Source) func(seed jtypes.OptionalFloat64) float64 {
	return func(seed jtypes.OptionalFloat64) float64 {
		if seed.IsSet() {
			s := uint64(int64(seed.Float64))
			return rand.New(rand.NewPCG(s, s)).Float64()
		}
		return rand.New(src).Float64()
	}
}

// uuidFunc returns $uuid(): a version 4 UUID drawn from src.
func uuidFunc(src rand.Source) func() string {
	return func() string {
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], src.Uint64())
		binary.BigEndian.PutUint64(b[8:], src.Uint64())
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		h := hex.EncodeToString(b[:])
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	}
}
