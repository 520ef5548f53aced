package intrinsic_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tailscale/hujson"

	"github.com/stormless/stormless/internal/asl/intrinsic"
	"github.com/stormless/stormless/internal/asl/path"
	"github.com/stormless/stormless/internal/conformance"
)

// corpusSkips names the recorded tests not usable as oracles, with why.
var corpusSkips = map[string]string{
	"TestArray::test_array_unique": "the corpus index runs array_length.json5 for it (ArrayLength output)",
}

// testEnv resolves paths on a state input and a context object.
type testEnv struct {
	input, context any
}

// Resolve evaluates p on the input, or on the context object for "$$".
func (e testEnv) Resolve(p string) (any, error) {
	c, err := path.Compile(p)
	if err != nil {
		return nil, err
	}
	if c.Root() == path.Context {
		return c.Eval(e.context)
	}
	return c.Eval(e.input)
}

// corpusCase is one recorded execution of a one-state intrinsic machine.
type corpusCase struct {
	name, key, expr string
	input, output   any
}

func TestConformanceLocalStack(t *testing.T) {
	cases := loadCorpusCases(t)
	if len(cases) < 100 {
		t.Fatalf("got %d recorded executions, want at least 100", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			call, err := intrinsic.Parse(tc.expr)
			if err != nil {
				t.Fatalf("parsing %s: %v", tc.expr, err)
			}
			env := testEnv{input: tc.input, context: contextObject(tc.input)}
			got, err := call.Eval(env)
			if err != nil {
				t.Fatalf("evaluating %s on %s: %v", tc.expr, asJSON(tc.input), err)
			}
			if !matchesRecorded(got, tc.output) {
				t.Errorf("%s on %s: got %s, want %s", tc.expr, asJSON(tc.input), asJSON(got), asJSON(tc.output))
			}
		})
	}
}

// TestConformanceIllegalEscapes checks that the calls AWS rejects as
// invalid definitions (escaped double quotes in string literals, recorded
// by test_illegal_escapes[NAME], whose template is name.json5) do not
// parse.
func TestConformanceIllegalEscapes(t *testing.T) {
	root := conformance.MustPath(t, "localstack-sfn")
	base := "tests/aws/services/stepfunctions/"
	var snap map[string]struct {
		Recorded json.RawMessage `json:"recorded-content"`
	}
	readJSON(t, filepath.Join(root, base+"v2/scenarios/test_base_scenarios.snapshot.json"), &snap)
	n := 0
	for id, e := range snap {
		_, param, ok := strings.Cut(id, "::test_illegal_escapes[")
		if !ok || !strings.Contains(string(e.Recorded), "must be a valid JSONPath or a valid intrinsic function call") {
			continue
		}
		file := filepath.Join(root, base+"templates/scenarios/statemachines", strings.ToLower(strings.TrimSuffix(param, "]"))+".json5")
		for key, expr := range templateParameters(t, file) {
			n++
			var se *intrinsic.SyntaxError
			if _, err := intrinsic.Parse(expr); !errors.As(err, &se) {
				t.Errorf("%s %s: got %v, want a *SyntaxError as AWS rejects the definition", file, key, err)
			}
		}
	}
	if n < 2 {
		t.Fatalf("got %d recorded illegal escapes, want 2", n)
	}
}

// matchesRecorded compares got with a recorded output. The recorder put
// placeholders in place of per-run values: a whole-value placeholder
// (RandomNumberGenerated, generated-uuid) matches any value, and <...>
// inside a string matches any text.
func matchesRecorded(got, want any) bool {
	s, ok := want.(string)
	if !ok {
		return reflect.DeepEqual(got, want)
	}
	if s == "RandomNumberGenerated" || s == "generated-uuid" {
		return got != nil
	}
	g, ok := got.(string)
	return ok && placeholderPattern(s).MatchString(g)
}

// placeholderPattern turns a recorded string into a regular expression in
// which each <...> placeholder matches any text.
func placeholderPattern(s string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for {
		i := strings.Index(s, "<")
		j := strings.Index(s[max(i, 0):], ">")
		if i < 0 || j < 0 {
			break
		}
		b.WriteString(regexp.QuoteMeta(s[:i]) + ".*?")
		s = s[i+j+1:]
	}
	b.WriteString(regexp.QuoteMeta(s) + "$")
	return regexp.MustCompile(b.String())
}

// contextObject builds a context object like the recorded ones.
func contextObject(input any) any {
	return map[string]any{
		"Execution": map[string]any{"Input": input, "Name": "exec-name", "Id": "arn:aws:states:us-east-1:111111111111:execution:sm-name-1:exec-name"},
		"StateMachine": map[string]any{
			"Id":   "arn:aws:states:us-east-1:111111111111:stateMachine:sm-name-1",
			"Name": "sm-name-1",
		},
	}
}

// loadCorpusCases reads every recorded execution of the JSONPath intrinsic
// tests: the template's Parameters and the state's input and output.
func loadCorpusCases(t *testing.T) []corpusCase {
	t.Helper()
	root := conformance.MustPath(t, "localstack-sfn")
	var index map[string]struct {
		Snapshot  string   `json:"snapshot"`
		Templates []string `json:"templates"`
	}
	readJSON(t, filepath.Join(root, "INDEX.json"), &index)
	var out []corpusCase
	for id, e := range index {
		short := id[strings.Index(id, "::")+2:]
		if !strings.Contains(e.Snapshot, "/intrinsic_functions/") || len(e.Templates) != 1 ||
			strings.Contains(id, "JSONata") || corpusSkips[short] != "" {
			continue
		}
		out = append(out, casesOf(t, root, id, short, e.Snapshot, e.Templates[0])...)
	}
	return out
}

// casesOf returns the executions recorded for one test.
func casesOf(t *testing.T, root, id, short, snapshot, template string) []corpusCase {
	params := templateParameters(t, filepath.Join(root, template))
	var snap map[string]struct {
		Recorded map[string]json.RawMessage `json:"recorded-content"`
	}
	readJSON(t, filepath.Join(root, snapshot), &snap)
	var out []corpusCase
	for run, raw := range snap[id].Recorded {
		in, outDoc, ok := passInputOutput(raw)
		if !ok {
			continue
		}
		for key, expr := range params {
			want, found := outDoc.(map[string]any)[strings.TrimSuffix(key, ".$")]
			if !found {
				want = outDoc // OutputPath selected the result itself
			}
			out = append(out, corpusCase{
				name: short + "/" + run + "/" + key, key: key, expr: expr, input: in, output: want,
			})
		}
	}
	return out
}

// passInputOutput returns the input and output of the recorded Pass state.
func passInputOutput(raw json.RawMessage) (in, out any, ok bool) {
	var hist struct {
		Events []struct {
			Type    string `json:"type"`
			Entered *struct {
				Input any `json:"input"`
			} `json:"stateEnteredEventDetails"`
			Exited *struct {
				Output any `json:"output"`
			} `json:"stateExitedEventDetails"`
		} `json:"events"`
	}
	if json.Unmarshal(raw, &hist) != nil {
		return nil, nil, false
	}
	for _, ev := range hist.Events {
		switch {
		case ev.Type == "PassStateEntered" && ev.Entered != nil:
			in = ev.Entered.Input
		case ev.Type == "PassStateExited" && ev.Exited != nil:
			out, ok = ev.Exited.Output, true
		}
	}
	_, isObject := out.(map[string]any)
	return in, out, ok && isObject
}

// templateParameters returns the "key.$" intrinsic calls of the template's
// states' Parameters.
func templateParameters(t *testing.T, file string) map[string]string {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	if b, err = hujson.Standardize(b); err != nil {
		t.Fatalf("standardizing %s: %v", file, err)
	}
	var def struct {
		States map[string]struct {
			Parameters map[string]any `json:"Parameters"`
		} `json:"States"`
	}
	if err := json.Unmarshal(b, &def); err != nil {
		t.Fatalf("decoding %s: %v", file, err)
	}
	out := map[string]string{}
	for _, st := range def.States {
		for k, v := range st.Parameters {
			if s, ok := v.(string); ok && strings.HasSuffix(k, ".$") && intrinsic.IsCall(s) {
				out[k] = s
			}
		}
	}
	return out
}

// jsonUnmarshal is json.Unmarshal.
var jsonUnmarshal = json.Unmarshal

// readJSON decodes file into v.
func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", file, err)
	}
}

// asJSON renders v for messages.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}
