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

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/ssm/types"
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
	typ         types.ParameterType
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

func (f *fakeSSM) PutParameter(_ context.Context, in *ssm.PutParameterInput, _ ...func(*ssm.Options)) (*ssm.PutParameterOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	name, value := aws.ToString(in.Name), aws.ToString(in.Value)
	switch {
	case !ssmName.MatchString(name) || len(name) > 2048:
		return nil, fmt.Errorf("ValidationException: parameter name %q", name)
	case value == "":
		return nil, fmt.Errorf("ValidationException: value must have length at least 1")
	case len(value) > 8192:
		return nil, &types.ParameterMaxVersionLimitExceeded{Message: aws.String("value too large")}
	}
	old, exists := f.params[name]
	if exists && !aws.ToBool(in.Overwrite) {
		return nil, &types.ParameterAlreadyExists{Message: aws.String(name)}
	}
	f.params[name] = fakeParam{value: value, desc: aws.ToString(in.Description), typ: in.Type, version: old.version + 1}
	return &ssm.PutParameterOutput{Version: old.version + 1}, nil
}

// view returns p as GetParameter shows it.
func (f *fakeSSM) view(name string, p fakeParam, decrypt bool) types.Parameter {
	v := p.value
	if p.typ == types.ParameterTypeSecureString && !decrypt {
		nonce := make([]byte, f.aead.NonceSize())
		_, _ = rand.Read(nonce)
		v = base64.StdEncoding.EncodeToString(f.aead.Seal(nonce, nonce, []byte(v), nil))
	}
	return types.Parameter{Name: aws.String(name), Value: aws.String(v), Type: p.typ, Version: p.version}
}

func (f *fakeSSM) GetParameter(_ context.Context, in *ssm.GetParameterInput, _ ...func(*ssm.Options)) (*ssm.GetParameterOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.params[aws.ToString(in.Name)]
	if !ok {
		return nil, &types.ParameterNotFound{}
	}
	v := f.view(aws.ToString(in.Name), p, aws.ToBool(in.WithDecryption))
	return &ssm.GetParameterOutput{Parameter: &v}, nil
}

func (f *fakeSSM) DeleteParameter(_ context.Context, in *ssm.DeleteParameterInput, _ ...func(*ssm.Options)) (*ssm.DeleteParameterOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.params[aws.ToString(in.Name)]; !ok {
		return nil, &types.ParameterNotFound{}
	}
	delete(f.params, aws.ToString(in.Name))
	return &ssm.DeleteParameterOutput{}, nil
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
func window(names []string, token *string, max *int32, limit int) ([]string, *string, error) {
	n := limit
	if max != nil {
		if *max < 1 || int(*max) > limit {
			return nil, nil, fmt.Errorf("ValidationException: MaxResults %d outside 1-%d", *max, limit)
		}
		n = int(*max)
	}
	start := 0
	if t := aws.ToString(token); t != "" {
		var err error
		if start, err = strconv.Atoi(t); err != nil || start > len(names) {
			return nil, nil, fmt.Errorf("ValidationException: bad NextToken")
		}
	}
	end := min(start+n, len(names))
	var next *string
	if end < len(names) {
		next = aws.String(strconv.Itoa(end))
	}
	return names[start:end], next, nil
}

func (f *fakeSSM) GetParametersByPath(_ context.Context, in *ssm.GetParametersByPathInput, _ ...func(*ssm.Options)) (*ssm.GetParametersByPathOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !aws.ToBool(in.Recursive) {
		return nil, fmt.Errorf("fake SSM: only recursive listings are emulated")
	}
	names, next, err := window(f.under(aws.ToString(in.Path)), in.NextToken, in.MaxResults, 10)
	if err != nil {
		return nil, err
	}
	out := &ssm.GetParametersByPathOutput{NextToken: next}
	for _, name := range names {
		out.Parameters = append(out.Parameters, f.view(name, f.params[name], aws.ToBool(in.WithDecryption)))
	}
	return out, nil
}

func (f *fakeSSM) DescribeParameters(_ context.Context, in *ssm.DescribeParametersInput, _ ...func(*ssm.Options)) (*ssm.DescribeParametersOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(in.ParameterFilters) != 1 || len(in.ParameterFilters[0].Values) != 1 {
		return nil, fmt.Errorf("fake SSM: one filter with one value is emulated")
	}
	flt := in.ParameterFilters[0]
	var names []string
	switch k, o := aws.ToString(flt.Key), aws.ToString(flt.Option); {
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
	out := &ssm.DescribeParametersOutput{NextToken: next}
	for _, name := range names {
		p := f.params[name]
		out.Parameters = append(out.Parameters, types.ParameterMetadata{Name: aws.String(name), Type: p.typ,
			Description: aws.String(p.desc), Version: p.version})
	}
	return out, nil
}
