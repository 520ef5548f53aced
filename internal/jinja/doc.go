// Package jinja is StackStorm's Jinja: the environment, its settings and
// filters, and rendering a template against variables. It is what rule
// criteria and action parameters share.
//
// The environment is gonja's with StackStorm's settings: undefined names
// fail (allow_undefined=False), trim_blocks and lstrip_blocks. Beside
// gonja's builtins it has the st2 filters to_json_string,
// from_json_string, json_escape and to_complex; a host adds its own (for
// example decrypt_kv, regex_match) with WithFilters, and may rewrite each
// parsed template with WithRewrite.
//
// SetNested builds the nested maps that datastore keys (st2kv.system.a.b)
// are read from.
//
// Panics of the template engine are recovered and returned as errors;
// every failure is an *Error, and one on an undefined name also matches
// ErrUndefined.
package jinja
