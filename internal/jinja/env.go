package jinja

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
	"github.com/nikolalohinski/gonja/v2/nodes"
)

// maxTemplates bounds how many parsed templates an Env keeps.
const maxTemplates = 4096

// Env is a StackStorm Jinja environment with its filters and a bounded
// cache of parsed templates. An Env is safe for concurrent use.
type Env struct {
	env     *exec.Environment
	rewrite func(nodes.Node)
	cache   sync.Map // source -> parsed
	cached  atomic.Int64
}

// Option configures an Env.
type Option func(*settings) error

type settings struct {
	filters map[string]exec.FilterFunction
	rewrite func(nodes.Node)
}

// WithFilters adds filters to the environment; a name it shares with a
// builtin or st2 filter replaces that filter. A nil filter is an error.
func WithFilters(filters map[string]exec.FilterFunction) Option {
	return func(s *settings) error {
		for name, f := range filters {
			if f == nil {
				return fmt.Errorf("adding filter %q: nil filter", name)
			}
			s.filters[name] = f
		}
		return nil
	}
}

// WithRewrite has rewrite change each template's parse tree once, after
// parsing and before it is cached and executed (rule's rewrite of
// Python's "'fmt' % args"). Its panics are recovered as parse errors.
func WithRewrite(rewrite func(nodes.Node)) Option {
	return func(s *settings) error {
		s.rewrite = rewrite
		return nil
	}
}

// st2Config is StackStorm's Jinja environment: undefined names fail
// (allow_undefined=False), trim_blocks and lstrip_blocks.
var st2Config = func() *config.Config {
	c := config.New()
	c.StrictUndefined = true
	c.TrimBlocks = true
	c.LeftStripBlocks = true
	return c
}()

// New returns an environment with gonja's builtins, the st2 filters and
// the options applied; an error when an option is invalid.
func New(opts ...Option) (*Env, error) {
	s := settings{filters: maps.Clone(st2Filters)}
	for _, opt := range opts {
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	return &Env{
		env: &exec.Environment{
			Context:           exec.EmptyContext().Update(builtins.GlobalFunctions).Update(builtins.GlobalVariables),
			Filters:           exec.NewFilterSet(map[string]exec.FilterFunction{}).Update(builtins.Filters).Update(exec.NewFilterSet(s.filters)),
			Tests:             builtins.Tests,
			ControlStructures: builtins.ControlStructures,
			Methods:           builtins.Methods,
		},
		rewrite: s.rewrite,
	}, nil
}

// MustNew is New for package-level environments built from constant
// options; it panics when an option is invalid.
func MustNew(opts ...Option) *Env {
	e, err := New(opts...)
	if err != nil {
		panic(err)
	}
	return e
}

var defaultEnv = MustNew()

// Render renders src with vars in the default environment (no filters
// beyond the st2 ones); see Env.Render.
func Render(src string, vars map[string]any) (string, error) {
	return defaultEnv.Render(src, vars)
}

// Render renders the template src with vars as its variables and returns
// the text. A failure to parse or render, including a panic of the
// template engine, is an *Error; vars is not modified.
func (e *Env) Render(src string, vars map[string]any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", &Error{Template: src, Err: fmt.Errorf("template engine failed: %v", r)}
		}
	}()
	tpl, err := e.parse(src)
	if err != nil {
		return "", &Error{Template: src, Err: err}
	}
	out, err = tpl.ExecuteToString(exec.NewContext(vars))
	if err != nil {
		return "", &Error{Template: src, Err: err}
	}
	return out, nil
}

type parsed struct {
	tpl *exec.Template
	err error
}

// parse parses src once; later calls are served from the cache.
func (e *Env) parse(src string) (*exec.Template, error) {
	if v, ok := e.cache.Load(src); ok {
		p := v.(parsed)
		return p.tpl, p.err
	}
	tpl, err := e.parseUncached(src)
	if e.cached.Load() < maxTemplates {
		if _, loaded := e.cache.LoadOrStore(src, parsed{tpl, err}); !loaded {
			e.cached.Add(1)
		}
	}
	return tpl, err
}

func (e *Env) parseUncached(src string) (tpl *exec.Template, err error) {
	defer func() {
		if r := recover(); r != nil {
			tpl, err = nil, fmt.Errorf("template engine failed: %v", r)
		}
	}()
	loader, err := loaders.NewMemoryLoader(map[string]string{"/template": src})
	if err != nil {
		return nil, fmt.Errorf("loading template: %w", err)
	}
	tpl, err = exec.NewTemplate("/template", st2Config, loader, e.env)
	if err != nil {
		return nil, fmt.Errorf("parsing template: %w", err)
	}
	if e.rewrite != nil {
		e.rewrite(tpl.Root())
	}
	return tpl, nil
}
