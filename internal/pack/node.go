package pack

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxNodes bounds how many YAML nodes one value may expand to (aliases
// included), so a "billion laughs" document cannot exhaust memory.
const maxNodes = 1 << 20

// maxDepth bounds nesting, aliases included.
const maxDepth = 200

// doc is one YAML file being decoded; problems go to the shared report.
type doc struct {
	path string
	r    *report
	// budget counts nodes still allowed for generic values.
	budget int
}

// readDoc reads and parses path, returning its top-level node or nil after
// reporting why it could not.
func readDoc(path string, r *report) (*doc, *yaml.Node) {
	data, err := os.ReadFile(path)
	if err != nil {
		r.add(Pos{File: path}, "reading file: %v", err)
		return &doc{path: path, r: r, budget: maxNodes}, nil
	}
	return parseDoc(path, data, r)
}

// parseDoc parses data read from path.
func parseDoc(path string, data []byte, r *report) (*doc, *yaml.Node) {
	d := &doc{path: path, r: r, budget: maxNodes}
	return d, d.parse(data)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse parses data as one YAML document; it recovers from parser panics
// so that no input can crash the loader.
func (d *doc) parse(data []byte) (root *yaml.Node) {
	defer func() {
		if p := recover(); p != nil {
			d.r.add(Pos{File: d.path}, "parsing YAML: %v", p)
			root = nil
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		d.syntaxError(err)
		return nil
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		d.r.add(Pos{File: d.path, Line: 1, Col: 1}, "file is empty: write the YAML mapping that defines the resource")
		return nil
	}
	return n.Content[0]
}

func (d *doc) syntaxError(err error) {
	msg := err.Error()
	pos := Pos{File: d.path}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	d.r.add(pos, "invalid YAML: %s", msg)
}

// pos is the position of n in this file.
func (d *doc) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.path}
	}
	return Pos{File: d.path, Line: n.Line, Col: n.Column}
}

func (d *doc) errorf(n *yaml.Node, format string, args ...any) {
	d.r.add(d.pos(n), format, args...)
}

// deref follows aliases (and unwraps documents) to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < maxDepth; i++ {
		switch {
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) > 0:
			n = n.Content[0]
		default:
			return n
		}
	}
	return nil
}

// field is one key of a mapping, in file order.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// fields is a decoded mapping: its keys in file order and by name.
type fields struct {
	node  *yaml.Node
	order []field
	byKey map[string]*yaml.Node
}

// get returns the value of key, or nil.
func (f fields) get(key string) *yaml.Node { return f.byKey[key] }

// has reports whether key is present.
func (f fields) has(key string) bool { _, ok := f.byKey[key]; return ok }

// mapping decodes n as a mapping describing what; it reports a non-mapping,
// duplicate keys, keys not in allowed (unless allowed is nil) and missing
// required keys. ok is false only when n is not a mapping.
func (d *doc) mapping(n *yaml.Node, what string, allowed, required []string) (fields, bool) {
	f := fields{node: n, byKey: map[string]*yaml.Node{}}
	m := deref(n)
	if m == nil || m.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, got %s", what, kindName(m))
		return f, false
	}
	d.collect(&f, m, 0)
	for _, kv := range f.order {
		if allowed != nil && !contains(allowed, kv.key.Value) {
			d.errorf(kv.key, "unknown field %q in %s: use one of %s", kv.key.Value, what, strings.Join(allowed, ", "))
		}
	}
	for _, k := range required {
		if !f.has(k) {
			d.errorf(n, "%s is missing the required field %q", what, k)
		}
	}
	return f, true
}

// collect adds m's pairs to f, expanding "<<" merge keys.
func (d *doc) collect(f *fields, m *yaml.Node, depth int) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := deref(m.Content[i]), m.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			d.errorf(m.Content[i], "mapping keys must be plain strings, got %s", kindName(k))
			continue
		}
		if k.Value == "<<" && k.Tag == "!!merge" {
			d.merge(f, v, depth)
			continue
		}
		if _, dup := f.byKey[k.Value]; dup {
			d.errorf(k, "duplicate key %q: keep only one", k.Value)
			continue
		}
		f.order = append(f.order, field{key: k, value: v})
		f.byKey[k.Value] = v
	}
}

func (d *doc) merge(f *fields, v *yaml.Node, depth int) {
	if depth > 10 {
		d.errorf(v, "merge keys nest too deeply")
		return
	}
	v = deref(v)
	var sources []*yaml.Node
	switch {
	case v == nil:
	case v.Kind == yaml.MappingNode:
		sources = []*yaml.Node{v}
	case v.Kind == yaml.SequenceNode:
		sources = v.Content
	}
	for _, s := range sources {
		s = deref(s)
		if s == nil || s.Kind != yaml.MappingNode {
			d.errorf(v, "a merge key (<<) needs a mapping or a list of mappings")
			continue
		}
		sub := fields{byKey: map[string]*yaml.Node{}}
		d.collect(&sub, s, depth+1)
		for _, kv := range sub.order {
			if !f.has(kv.key.Value) {
				f.order = append(f.order, kv)
				f.byKey[kv.key.Value] = kv.value
			}
		}
	}
}

// keyPositions maps the keys of mapping n to where they are written.
func (d *doc) keyPositions(n *yaml.Node) map[string]Pos {
	m := deref(n)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := map[string]Pos{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		out[m.Content[i].Value] = d.pos(m.Content[i])
	}
	return out
}

// scalar returns n's scalar node, or reports that field needs a want.
func (d *doc) scalar(n *yaml.Node, field, want string) (*yaml.Node, bool) {
	s := deref(n)
	if s == nil || s.Kind != yaml.ScalarNode || s.Tag == "!!null" {
		d.errorf(n, "%s must be %s, got %s", field, want, kindName(s))
		return nil, false
	}
	return s, true
}

// str decodes a string field; numbers and booleans are refused as StackStorm
// refuses them.
func (d *doc) str(n *yaml.Node, field string) string {
	s, ok := d.scalar(n, field, "a string")
	if !ok {
		return ""
	}
	if s.Tag != "!!str" && s.Tag != "!!timestamp" && s.Tag != "!!binary" {
		d.errorf(n, "%s must be a string, got %s %q: quote it", field, tagName(s.Tag), s.Value)
		return ""
	}
	return s.Value
}

// optStr decodes an optional string field (absent or null gives "").
func (d *doc) optStr(f fields, key string) string {
	n := f.get(key)
	if n == nil || isNull(n) {
		return ""
	}
	return d.str(n, key)
}

// boolean decodes an optional boolean field, def when absent.
func (d *doc) boolean(f fields, key string, def bool) bool {
	n := f.get(key)
	if n == nil {
		return def
	}
	s, ok := d.scalar(n, key, "true or false")
	if !ok {
		return def
	}
	b, isBool := scalarValue(s).(bool)
	if !isBool {
		d.errorf(n, "%s must be true or false, got %s %q", key, tagName(s.Tag), s.Value)
		return def
	}
	return b
}

// yaml11Bools are the plain words YAML 1.1 (and so StackStorm's PyYAML)
// reads as booleans besides true and false.
var yaml11Bools = map[string]bool{
	"yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

// integer decodes an optional integer field.
func (d *doc) integer(f fields, key string) (int, bool) {
	n := f.get(key)
	if n == nil {
		return 0, false
	}
	s, ok := d.scalar(n, key, "an integer")
	if !ok {
		return 0, false
	}
	v, isInt := d.value(s).(int)
	if !isInt {
		d.errorf(n, "%s must be an integer, got %s %q", key, tagName(s.Tag), s.Value)
		return 0, false
	}
	return v, true
}

// strList decodes an optional list of strings; a single string is refused.
func (d *doc) strList(f fields, key string) []string {
	n := f.get(key)
	if n == nil || isNull(n) {
		return nil
	}
	seq := deref(n)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of strings, got %s", key, kindName(seq))
		return nil
	}
	out := make([]string, 0, len(seq.Content))
	for _, item := range seq.Content {
		if s := d.str(item, key+" item"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// object decodes an optional mapping field into a generic map.
func (d *doc) object(f fields, key string) map[string]any {
	n := f.get(key)
	if n == nil || isNull(n) {
		return nil
	}
	m, ok := d.value(n).(map[string]any)
	if !ok {
		d.errorf(n, "%s must be a mapping, got %s", key, kindName(deref(n)))
		return nil
	}
	return m
}

// value converts n to plain Go values (map[string]any, []any, string, int,
// float64, bool, nil), as JSON would hold them.
func (d *doc) value(n *yaml.Node) any {
	return d.convert(n, 0)
}

func (d *doc) convert(n *yaml.Node, depth int) any {
	d.budget--
	if depth > maxDepth || d.budget < 0 {
		if d.budget == -1 || depth == maxDepth+1 {
			d.errorf(n, "value nests or expands too much (aliases?): simplify it")
		}
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return d.convert(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return d.convert(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, d.convert(c, depth+1))
		}
		return out
	case yaml.MappingNode:
		return d.convertMap(n, depth)
	case yaml.ScalarNode:
		return scalarValue(n)
	}
	return nil
}

func (d *doc) convertMap(n *yaml.Node, depth int) map[string]any {
	f := fields{byKey: map[string]*yaml.Node{}}
	d.collect(&f, n, 0)
	out := make(map[string]any, len(f.order))
	for _, kv := range f.order {
		out[kv.key.Value] = d.convert(kv.value, depth+1)
	}
	return out
}

// scalarValue decodes a scalar by its resolved tag.
func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!str":
		if b, ok := yaml11Bools[n.Value]; ok && n.Style == 0 {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil && i >= math.MinInt && i <= math.MaxInt {
			return int(i)
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return n.Value
}

func isNull(n *yaml.Node) bool {
	s := deref(n)
	return s != nil && s.Kind == yaml.ScalarNode && s.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return fmt.Sprintf("%s %q", tagName(n.Tag), n.Value)
	}
	return "nothing"
}

func tagName(tag string) string {
	switch tag {
	case "!!str":
		return "string"
	case "!!int":
		return "integer"
	case "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	return "value " + tag
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
