package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tailscale/hujson"
	"github.com/titanous/json5"
)

// lambdaARN stands in for the function ARN the Python test would create.
const lambdaARN = "arn:aws:lambda:us-east-1:111111111111:function:conformance"

// errUnresolved marks a template that the Python test completes in ways the
// corpus does not record.
var errUnresolved = errors.New("template completed by test code")

// template is one ASL definition, placeholders filled in.
type template struct {
	// File is the template's base name.
	File string
	// Def is the definition in generic JSON form.
	Def map[string]any
	// States are the names of all states, nested ones included.
	States map[string]bool
	// Resources are the distinct Task resources.
	Resources []string
	// Resource is each Task state's resource.
	Resource map[string]string
	// Objects are the S3 objects the test puts (key -> body), when known.
	Objects map[string]string
	// Distributed are the states that run in the child executions of a
	// distributed Map, whose events the parent's history does not hold.
	Distributed map[string]bool
}

// loadTemplate reads a JSON5 template, applies the test's edit (if ed is
// not nil) and fills in its placeholders; param is the pytest parameter of
// the entry, used for literal placeholders.
func loadTemplate(path, param string, ed *edit) (*template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading template: %w", err)
	}
	def, err := parseJSON5(data)
	if err != nil {
		return nil, fmt.Errorf("parsing template %s: %w", filepath.Base(path), err)
	}
	t := &template{File: filepath.Base(path), Def: def, States: map[string]bool{}, Distributed: map[string]bool{}, Resource: map[string]string{}}
	if strings.Contains(t.File, "_tbd") {
		return nil, fmt.Errorf("template %s: %w", t.File, errUnresolved)
	}
	if ed != nil {
		if err := ed.apply(def, param); err != nil {
			return nil, fmt.Errorf("editing template %s: %w", t.File, err)
		}
		if ed.literal != "" {
			param = ed.literal
		}
	}
	if err := t.fill(def, "", param); err != nil {
		return nil, fmt.Errorf("filling template %s: %w", t.File, err)
	}
	t.collect(def, false)
	return t, nil
}

// parseJSON5 reads a JSON5 object: hujson for comments and trailing
// commas, json5 for the rest (unquoted keys), as asl.Parse does.
func parseJSON5(data []byte) (map[string]any, error) {
	var def map[string]any
	std, err := hujson.Standardize(data)
	if err == nil {
		err = json.Unmarshal(std, &def)
	}
	if err == nil {
		return def, nil
	}
	def = nil
	if err5 := json5.Unmarshal(data, &def); err5 != nil {
		return nil, fmt.Errorf("decoding JSON5: %w", err)
	}
	return def, nil
}

// JSON returns the definition as JSON text.
func (t *template) JSON() ([]byte, error) {
	b, err := json.Marshal(t.Def)
	if err != nil {
		return nil, fmt.Errorf("encoding template %s: %w", t.File, err)
	}
	return b, nil
}

// startAt returns the top-level StartAt.
func (t *template) startAt() string {
	s, _ := t.Def["StartAt"].(string)
	return s
}

// fill replaces placeholders in v in place: a Lambda ARN for resources and
// function names, the test parameter for literal placeholders.
func (t *template) fill(v any, key, param string) error {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			r, err := t.fillValue(c, k, param)
			if err != nil {
				return err
			}
			x[k] = r
		}
	case []any:
		for i, c := range x {
			r, err := t.fillValue(c, key, param)
			if err != nil {
				return err
			}
			x[i] = r
		}
	}
	return nil
}

// fillValue fills one member of an object or array, found under key.
func (t *template) fillValue(v any, key, param string) (any, error) {
	if s, ok := v.(string); ok {
		return fillString(key, s, param)
	}
	return v, t.fill(v, key, param)
}

// fillString fills one string field named key.
func fillString(key, s, param string) (string, error) {
	switch {
	case s == "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%":
		if param == "" {
			return "", fmt.Errorf("%s needs a test parameter: %w", key, errUnresolved)
		}
		return param, nil
	case s == "%LAMBDA_FUNCTION_ARN_LITERAL_PLACEHOLDER%":
		return lambdaARN, nil
	case literalPlaceholderRE.MatchString(s):
		return "", fmt.Errorf("field %s holds %s: %w", key, literalPlaceholderRE.FindString(s), errUnresolved)
	case !isPlaceholder(s):
		return s, nil
	case key == "Resource" || key == "FunctionName":
		return lambdaARN, nil
	}
	return "", fmt.Errorf("field %s is %q: %w", key, s, errUnresolved)
}

// literalPlaceholderRE finds the placeholders Python tests replace by
// values the corpus does not record, such as %WaitForTaskTokenFailureErrorName%.
var literalPlaceholderRE = regexp.MustCompile(`%[A-Za-z_]+%`)

func isPlaceholder(s string) bool {
	switch strings.ToLower(strings.Trim(s, "_")) {
	case "tbd", "tbc":
		return true
	}
	return false
}

// collect records state names and Task resources, descending into
// Parallel branches and Map processors; distributed says whether def runs
// in a distributed Map.
func (t *template) collect(def map[string]any, distributed bool) {
	states, _ := def["States"].(map[string]any)
	for name, s := range states {
		t.States[name] = true
		t.Distributed[name] = distributed
		st, _ := s.(map[string]any)
		if res, ok := st["Resource"].(string); ok && st["Type"] == "Task" {
			t.addResource(res)
			t.Resource[name] = res
		}
		for _, k := range []string{"Iterator", "ItemProcessor"} {
			if sub, ok := st[k].(map[string]any); ok {
				t.collect(sub, distributed || isDistributed(sub))
			}
		}
		branches, _ := st["Branches"].([]any)
		for _, b := range branches {
			if sub, ok := b.(map[string]any); ok {
				t.collect(sub, distributed)
			}
		}
	}
}

// isDistributed reports whether a Map processor runs distributed.
func isDistributed(proc map[string]any) bool {
	cfg, _ := proc["ProcessorConfig"].(map[string]any)
	return cfg["Mode"] == "DISTRIBUTED"
}

func (t *template) addResource(res string) {
	for _, r := range t.Resources {
		if r == res {
			return
		}
	}
	t.Resources = append(t.Resources, res)
}

// runs reports whether the template's Task state could have made a call
// the history records as kind (see history.resources): a resource the test
// filled in fits any kind.
func (t *template) runs(state, kind string) bool {
	res, ok := t.Resource[state]
	switch {
	case !ok:
		return false
	case res == lambdaARN:
		return true
	case kind == kindLambdaFunction:
		return strings.Contains(res, ":lambda:") && strings.Contains(res, ":function:")
	case kind == kindActivity:
		return strings.Contains(res, ":activity:")
	}
	return strings.HasSuffix(res, ":"+kind)
}
