package ssmkv

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// Store is the datastore on Parameter Store. It is safe for concurrent
// use.
type Store struct {
	api      API
	root     string
	kmsKeyID string
	now      func() time.Time
}

var _ datastore.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store) error

// WithRoot sets the path items live under (default /stormless/kv).
func WithRoot(root string) Option {
	return func(s *Store) error {
		root = strings.TrimSuffix(root, "/")
		if !strings.HasPrefix(root, "/") || strings.Contains(root, "//") {
			return fmt.Errorf("root %q: want an absolute path such as /stormless/kv", root)
		}
		s.root = root
		return nil
	}
}

// WithKMSKeyID encrypts secrets with key (ID, ARN or alias) instead of
// the account's aws/ssm key.
func WithKMSKeyID(key string) Option {
	return func(s *Store) error {
		s.kmsKeyID = key
		return nil
	}
}

// WithClock makes the store read the time (for expiry) from now.
func WithClock(now func() time.Time) Option {
	return func(s *Store) error {
		s.now = now
		return nil
	}
}

// New returns a store calling api.
func New(api API, opts ...Option) (*Store, error) {
	if api == nil {
		return nil, errors.New("creating ssm datastore: nil client")
	}
	s := &Store{api: api, root: "/stormless/kv", now: time.Now}
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, fmt.Errorf("creating ssm datastore: %w", err)
		}
	}
	return s, nil
}

// Set creates or replaces the parameter of k.
func (s *Store) Set(ctx context.Context, k datastore.Key, value string, opts datastore.SetOptions) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	if opts.TTL < 0 {
		return datastore.KeyValue{}, fmt.Errorf("setting %s: negative ttl: %w", k, datastore.ErrInvalid)
	}
	m := meta{empty: value == ""}
	if opts.TTL > 0 {
		m.expires = s.now().Add(opts.TTL).UTC()
	}
	stored := value
	if m.empty {
		stored = " "
	}
	in := &PutParameterInput{Name: s.path(k), Value: stored, Overwrite: true, Type: TypeString,
		Description: m.String(), Tier: "Intelligent-Tiering"}
	if opts.Secret {
		in.Type, in.KeyId = TypeSecureString, s.kmsKeyID
	}
	if err := s.api.PutParameter(ctx, in); err != nil {
		return datastore.KeyValue{}, fmt.Errorf("setting %s: %w", k, err)
	}
	kv := datastore.KeyValue{Name: k.Name, Value: value, Scope: k.Scope, User: k.User, Secret: opts.Secret, ExpireTimestamp: m.expires}
	if !opts.Secret {
		return kv, nil
	}
	p, err := s.getParameter(ctx, k, false)
	if err != nil {
		return datastore.KeyValue{}, err
	}
	kv.Value, kv.Encrypted = p.Value, true
	return kv, nil
}

// Get returns the item at k.
func (s *Store) Get(ctx context.Context, k datastore.Key, decrypt bool) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	m, err := s.describe(ctx, k)
	if err != nil {
		return datastore.KeyValue{}, err
	}
	if m.expired(s.now()) {
		_ = s.api.DeleteParameter(ctx, &DeleteParameterInput{Name: s.path(k)}) // best effort
		return datastore.KeyValue{}, fmt.Errorf("getting %s: expired: %w", k, datastore.ErrNotFound)
	}
	p, err := s.getParameter(ctx, k, decrypt)
	if err != nil {
		return datastore.KeyValue{}, err
	}
	return m.keyValue(k, p.Type, p.Value, decrypt), nil
}

// getParameter reads the parameter of k.
func (s *Store) getParameter(ctx context.Context, k datastore.Key, decrypt bool) (*Parameter, error) {
	out, err := s.api.GetParameter(ctx, &GetParameterInput{Name: s.path(k), WithDecryption: decrypt})
	switch {
	case errors.Is(err, ErrParameterNotFound):
		return nil, fmt.Errorf("getting %s: %w", k, datastore.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("getting %s: %w", k, err)
	case out.Parameter == nil:
		return nil, fmt.Errorf("getting %s: empty answer", k)
	}
	return out.Parameter, nil
}

// describe reads the metadata of k's parameter.
func (s *Store) describe(ctx context.Context, k datastore.Key) (meta, error) {
	out, err := s.api.DescribeParameters(ctx, &DescribeParametersInput{ParameterFilters: []ParameterFilter{
		{Key: "Name", Option: "Equals", Values: []string{s.path(k)}},
	}})
	if err != nil {
		return meta{}, fmt.Errorf("describing %s: %w", k, err)
	}
	for _, p := range out.Parameters {
		if p.Name == s.path(k) {
			return parseMeta(p.Description), nil
		}
	}
	return meta{}, fmt.Errorf("getting %s: %w", k, datastore.ErrNotFound)
}

// Delete removes the item at k.
func (s *Store) Delete(ctx context.Context, k datastore.Key) error {
	if err := k.Validate(); err != nil {
		return err
	}
	m, err := s.describe(ctx, k)
	if err != nil {
		return err
	}
	err = s.api.DeleteParameter(ctx, &DeleteParameterInput{Name: s.path(k)})
	switch {
	case errors.Is(err, ErrParameterNotFound):
		return fmt.Errorf("deleting %s: %w", k, datastore.ErrNotFound)
	case err != nil:
		return fmt.Errorf("deleting %s: %w", k, err)
	case m.expired(s.now()):
		return fmt.Errorf("deleting %s: expired: %w", k, datastore.ErrNotFound)
	}
	return nil
}

// List returns one page of the items q selects.
func (s *Store) List(ctx context.Context, q datastore.Query) (datastore.Page, error) {
	var after *datastore.Key
	if q.Token != "" {
		k, err := datastore.ParsePageToken(q.Token)
		if err != nil {
			return datastore.Page{}, err
		}
		after = &k
	}
	var items []datastore.KeyValue
	for _, path := range s.listPaths(q) {
		got, err := s.listPath(ctx, path)
		if err != nil {
			return datastore.Page{}, err
		}
		items = append(items, got...)
	}
	items = slices.DeleteFunc(items, func(kv datastore.KeyValue) bool {
		return !strings.HasPrefix(kv.Name, q.Prefix) || after != nil && kv.Key().Compare(*after) <= 0
	})
	slices.SortFunc(items, func(a, b datastore.KeyValue) int { return a.Key().Compare(b.Key()) })
	var page datastore.Page
	if n := q.PageSize(); len(items) > n {
		items = items[:n]
		page.Next = datastore.PageToken(items[n-1].Key())
	}
	page.Items = items
	return page, nil
}

// listPaths returns the paths whose parameters q may select.
func (s *Store) listPaths(q datastore.Query) []string {
	system, users := s.root+"/system", s.root+"/user"
	switch {
	case q.Scope == datastore.ScopeSystem:
		return []string{system}
	case q.Scope == datastore.ScopeUser && q.User != "":
		return []string{users + "/" + escape(q.User)}
	case q.Scope == datastore.ScopeUser:
		return []string{users}
	case q.User != "":
		return []string{system, users + "/" + escape(q.User)}
	}
	return []string{system, users}
}

// listPath returns the live items under path: values from
// GetParametersByPath, expiry from DescribeParameters.
func (s *Store) listPath(ctx context.Context, path string) ([]datastore.KeyValue, error) {
	metas := map[string]meta{}
	din := &DescribeParametersInput{ParameterFilters: []ParameterFilter{
		{Key: "Path", Option: "Recursive", Values: []string{path}},
	}, MaxResults: 50}
	for {
		out, err := s.api.DescribeParameters(ctx, din)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", path, err)
		}
		for _, p := range out.Parameters {
			metas[p.Name] = parseMeta(p.Description)
		}
		if out.NextToken == "" {
			break
		}
		din.NextToken = out.NextToken
	}
	now := s.now()
	var items []datastore.KeyValue
	gin := &GetParametersByPathInput{Path: path, Recursive: true, MaxResults: 10}
	for {
		out, err := s.api.GetParametersByPath(ctx, gin)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", path, err)
		}
		for _, p := range out.Parameters {
			name := p.Name
			m, ok := metas[name]
			k, kok := s.keyOf(name)
			if !ok || !kok || m.expired(now) {
				continue
			}
			items = append(items, m.keyValue(k, p.Type, p.Value, false))
		}
		if out.NextToken == "" {
			return items, nil
		}
		gin.NextToken = out.NextToken
	}
}
