package ssmkv

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// fakeSSM is Parameter Store in memory with the rules the adapter relies
// on: SSM's name alphabet, non-empty values of at most 8 KB, Overwrite,
// SecureString values returned as ciphertext unless decrypted (sealed
// with AES-GCM under a random key, as KMS would), paging with NextToken
// and MaxResults limits (10 for GetParametersByPath, 50 for
// DescribeParameters), and parameters listed in no particular order.
type fakeSSM struct {
	mu     sync.Mutex
	params map[string]fakeParam
	aead   cipher.AEAD
}

type fakeParam struct {
	value, desc string
	typ         string
	version     int64
}

func newFakeSSM() *fakeSSM {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	block, _ := aes.NewCipher(key)
	aead, _ := cipher.NewGCM(block)
	return &fakeSSM{params: map[string]fakeParam{}, aead: aead}
}

var ssmName = regexp.MustCompile(`^(/[a-zA-Z0-9_.\-]+)+$`)

func (f *fakeSSM) PutParameter(_ context.Context, in *PutParameterInput) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	name, value := in.Name, in.Value
	switch {
	case !ssmName.MatchString(name) || len(name) > 2048:
		return fmt.Errorf("ValidationException: parameter name %q", name)
	case value == "":
		return fmt.Errorf("ValidationException: value must have length at least 1")
	case len(value) > 8192:
		return fmt.Errorf("ValidationException: value too large")
	case in.Type != TypeString && in.Type != TypeSecureString:
		return fmt.Errorf("ValidationException: type %q", in.Type)
	}
	old, exists := f.params[name]
	if exists && !in.Overwrite {
		return fmt.Errorf("ParameterAlreadyExists: %s", name)
	}
	f.params[name] = fakeParam{value: value, desc: in.Description, typ: in.Type, version: old.version + 1}
	return nil
}

// view returns p as GetParameter shows it.
func (f *fakeSSM) view(name string, p fakeParam, decrypt bool) Parameter {
	v := p.value
	if p.typ == TypeSecureString && !decrypt {
		nonce := make([]byte, f.aead.NonceSize())
		_, _ = rand.Read(nonce)
		v = base64.StdEncoding.EncodeToString(f.aead.Seal(nonce, nonce, []byte(v), nil))
	}
	return Parameter{Name: name, Value: v, Type: p.typ, Version: p.version}
}

func (f *fakeSSM) GetParameter(_ context.Context, in *GetParameterInput) (*GetParameterOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.params[in.Name]
	if !ok {
		return nil, fmt.Errorf("fake: %w", ErrParameterNotFound)
	}
	v := f.view(in.Name, p, in.WithDecryption)
	return &GetParameterOutput{Parameter: &v}, nil
}

func (f *fakeSSM) DeleteParameter(_ context.Context, in *DeleteParameterInput) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.params[in.Name]; !ok {
		return fmt.Errorf("fake: %w", ErrParameterNotFound)
	}
	delete(f.params, in.Name)
	return nil
}

// under returns the names below path (recursive), shuffled.
func (f *fakeSSM) under(path string) []string {
	var out []string
	for name := range f.params {
		if strings.HasPrefix(name, strings.TrimSuffix(path, "/")+"/") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	for i := len(out) - 1; i > 0; i-- { // deterministic shuffle: SSM promises no order
		j := (i * 7919) % (i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// window pages names by an offset token.
func window(names []string, token string, max int, limit int) ([]string, string, error) {
	n := limit
	if max != 0 {
		if max < 1 || max > limit {
			return nil, "", fmt.Errorf("ValidationException: MaxResults %d outside 1-%d", max, limit)
		}
		n = max
	}
	start := 0
	if token != "" {
		var err error
		if start, err = strconv.Atoi(token); err != nil || start > len(names) {
			return nil, "", fmt.Errorf("ValidationException: bad NextToken")
		}
	}
	end := min(start+n, len(names))
	next := ""
	if end < len(names) {
		next = strconv.Itoa(end)
	}
	return names[start:end], next, nil
}

func (f *fakeSSM) GetParametersByPath(_ context.Context, in *GetParametersByPathInput) (*ParametersOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !in.Recursive {
		return nil, fmt.Errorf("fake SSM: only recursive listings are emulated")
	}
	names, next, err := window(f.under(in.Path), in.NextToken, in.MaxResults, 10)
	if err != nil {
		return nil, err
	}
	out := &ParametersOutput{NextToken: next}
	for _, name := range names {
		out.Parameters = append(out.Parameters, f.view(name, f.params[name], in.WithDecryption))
	}
	return out, nil
}

func (f *fakeSSM) DescribeParameters(_ context.Context, in *DescribeParametersInput) (*ParametersOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(in.ParameterFilters) != 1 || len(in.ParameterFilters[0].Values) != 1 {
		return nil, fmt.Errorf("fake SSM: one filter with one value is emulated")
	}
	flt := in.ParameterFilters[0]
	var names []string
	switch k, o := flt.Key, flt.Option; {
	case k == "Name" && o == "Equals":
		if _, ok := f.params[flt.Values[0]]; ok {
			names = []string{flt.Values[0]}
		}
	case k == "Path" && o == "Recursive":
		names = f.under(flt.Values[0])
	default:
		return nil, fmt.Errorf("fake SSM: filter %s/%s not emulated", k, o)
	}
	names, next, err := window(names, in.NextToken, in.MaxResults, 50)
	if err != nil {
		return nil, err
	}
	out := &ParametersOutput{NextToken: next}
	for _, name := range names {
		p := f.params[name]
		out.Parameters = append(out.Parameters, Parameter{Name: name, Type: p.typ, Description: p.desc, Version: p.version})
	}
	return out, nil
}
