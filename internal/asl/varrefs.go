package asl

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// VariableReferences returns, by state name (nested states included), the
// workflow variables each state reads, sorted, as DescribeStateMachine
// reports them in variableReferences. A JSONPath state reads $name in the
// fields it evaluates (keys ending in ".$", *Path fields, a Choice rule's
// Variable), intrinsic function arguments included; a JSONata state reads
// $name in its {% %} expressions, except $states and names the expression
// binds with :=. States that read none are absent. The definition must be
// JSON (comments and trailing commas allowed); it is not validated.
func VariableReferences(definition []byte) (map[string][]string, error) {
	v, err := decodeJSON(definition)
	if err != nil {
		return nil, fmt.Errorf("reading variable references: %w", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reading variable references: the definition is not an object")
	}
	out := map[string][]string{}
	collectMachineRefs(m, queryLanguageOf(m, JSONPath), out)
	return out, nil
}

// collectMachineRefs adds the references of a machine's states and of the
// machines nested in them.
func collectMachineRefs(m map[string]any, lang QueryLanguage, out map[string][]string) {
	states, _ := m["States"].(map[string]any)
	for name, raw := range states {
		st, ok := raw.(map[string]any)
		if !ok {
			continue
		}
		stLang := queryLanguageOf(st, lang)
		refs := map[string]bool{}
		for key, field := range st {
			switch key {
			case "ItemProcessor", "Iterator":
				if sub, ok := field.(map[string]any); ok {
					collectMachineRefs(sub, queryLanguageOf(sub, stLang), out)
				}
			case "Branches":
				for _, b := range asSlice(field) {
					if sub, ok := b.(map[string]any); ok {
						collectMachineRefs(sub, queryLanguageOf(sub, stLang), out)
					}
				}
			default:
				fieldRefs(key, field, stLang, false, refs)
			}
		}
		if len(refs) > 0 {
			out[name] = sortedSet(refs)
		}
	}
}

// queryLanguageOf returns an object's QueryLanguage, or def.
func queryLanguageOf(obj map[string]any, def QueryLanguage) QueryLanguage {
	if s, ok := obj["QueryLanguage"].(string); ok {
		return QueryLanguage(s)
	}
	return def
}

// fieldRefs adds the variables a field reads; evaluated says the field's
// strings are JSONPath paths or intrinsic functions.
func fieldRefs(key string, v any, lang QueryLanguage, evaluated bool, refs map[string]bool) {
	switch x := v.(type) {
	case string:
		switch {
		case lang == JSONata:
			jsonataRefs(x, refs)
		case evaluated || strings.HasSuffix(key, ".$") || strings.HasSuffix(key, "Path") || key == "Variable":
			pathRefs(x, refs)
		}
	case map[string]any:
		for k, c := range x {
			fieldRefs(k, c, lang, false, refs)
		}
	case []any:
		for _, c := range x {
			fieldRefs(key, c, lang, false, refs)
		}
	}
}

// variableRE finds $name references: a $ not after another $ (the context
// object) and followed by an identifier.
var variableRE = regexp.MustCompile(`(^|[^$\w])\$([A-Za-z_][A-Za-z0-9_]*)`)

// pathRefs adds the variables a JSONPath path or intrinsic function reads.
func pathRefs(s string, refs map[string]bool) {
	for _, m := range variableRE.FindAllStringSubmatch(s, -1) {
		refs[m[2]] = true
	}
}

// jsonataBindingRE finds names a JSONata expression binds.
var jsonataBindingRE = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)\s*:=`)

// jsonataRefs adds the variables the {% %} expressions in s read: $name
// not called as a function, not $states, not bound in the expression.
func jsonataRefs(s string, refs map[string]bool) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "{%") || !strings.HasSuffix(t, "%}") {
		return
	}
	bound := map[string]bool{"states": true}
	for _, m := range jsonataBindingRE.FindAllStringSubmatch(t, -1) {
		bound[m[1]] = true
	}
	for _, loc := range variableRE.FindAllStringSubmatchIndex(t, -1) {
		name := t[loc[4]:loc[5]]
		if bound[name] || strings.HasPrefix(strings.TrimLeft(t[loc[5]:], " \t\n"), "(") {
			continue
		}
		refs[name] = true
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
