package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// errNoEntries is returned when the corpus yields nothing to judge.
var errNoEntries = errors.New("no snapshot entries found")

// indexEntry is one test of INDEX.json: its snapshot file and the files it
// reads (JSON5 templates and Python Lambda sources).
type indexEntry struct {
	Snapshot  string   `json:"snapshot"`
	Templates []string `json:"templates"`
}

// entry is one snapshot entry: a recorded test run.
type entry struct {
	// Name is the sub-test name: file stem, class, test and parameters,
	// joined by dots, with no slashes or spaces.
	Name string
	// TestID is the Python test id the snapshot is keyed by.
	TestID string
	// Param is the pytest parameter in brackets, or "".
	Param string
	// Templates are the absolute paths of the JSON5 templates the test reads.
	Templates []string
	// Guessed says neither INDEX.json nor the test parameter names the
	// templates (the test builds its definition in Python, or the entry is
	// stale: its test no longer exists), so Templates are guesses from the
	// test's name and area, told apart by the states the recording enters.
	Guessed bool
	// Edit is how the test changes its template, when known.
	Edit *edit
	// Content is the entry's recorded-content: key -> recorded response.
	Content map[string]json.RawMessage
}

// corpus is the LocalStack Step Functions corpus.
type corpus struct {
	root  string
	index map[string]indexEntry
	// byName maps a template's upper-case stem (BASE_PASS_RESULT) to its
	// paths: parameterised tests name templates by constants.
	byName map[string][]string
	// byID holds the entries read by entries, by test id.
	byID map[string]*entry
}

// openCorpus reads INDEX.json under root.
func openCorpus(root string) (*corpus, error) {
	data, err := os.ReadFile(filepath.Join(root, "INDEX.json"))
	if err != nil {
		return nil, fmt.Errorf("reading corpus index: %w", err)
	}
	c := &corpus{root: root, byName: map[string][]string{}}
	if err := json.Unmarshal(data, &c.index); err != nil {
		return nil, fmt.Errorf("decoding corpus index: %w", err)
	}
	if err := c.listTemplates(); err != nil {
		return nil, err
	}
	return c, nil
}

// listTemplates fills byName from the template files.
func (c *corpus) listTemplates() error {
	err := filepath.WalkDir(filepath.Join(c.root, "tests"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json5") {
			stem := strings.ToUpper(strings.TrimSuffix(d.Name(), ".json5"))
			c.byName[stem] = append(c.byName[stem], p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing templates: %w", err)
	}
	return nil
}

// paramTemplates returns the templates a pytest parameter names, such as
// BASE_PASS_RESULT in test_base_cases[BASE_PASS_RESULT-input0].
func (c *corpus) paramTemplates(param string) []string {
	var out []string
	parts := append([]string{param}, strings.Split(param, "-")...)
	if _, after, ok := strings.Cut(param, "."); ok {
		parts = append(parts, after) // ST.INVALID_JSONPATH_IN_INPUTPATH
	}
	if file, _, ok := strings.Cut(param, ".json5"); ok {
		parts = append(parts, strings.ToUpper(file)) // pass_result.json5_ALL_False
	}
	for _, part := range parts {
		out = append(out, c.byName[part]...)
	}
	return out
}

// snapshots returns the snapshot files under tests/, relative to the root,
// sorted.
func (c *corpus) snapshots() ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(c.root, "tests"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".snapshot.json") {
			rel, err := filepath.Rel(c.root, p)
			out = append(out, rel)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing snapshots: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// entries reads every snapshot file and returns its entries, sorted by name.
// Problems with single files are returned alongside the entries that could
// be read.
func (c *corpus) entries() ([]*entry, []error) {
	var out []*entry
	snaps, err := c.snapshots()
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	for _, snap := range snaps {
		es, err := c.readSnapshot(snap)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	c.byID = make(map[string]*entry, len(out))
	for _, e := range out {
		c.byID[e.TestID] = e
	}
	return out, errs
}

type snapshotEntry struct {
	Content map[string]json.RawMessage `json:"recorded-content"`
}

func (c *corpus) readSnapshot(rel string) ([]*entry, error) {
	data, err := os.ReadFile(filepath.Join(c.root, rel))
	if err != nil {
		return nil, fmt.Errorf("reading snapshot: %w", err)
	}
	var raw map[string]snapshotEntry
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("decoding snapshot %s: %w", rel, err)
	}
	out := make([]*entry, 0, len(raw))
	for id, se := range raw {
		out = append(out, c.newEntry(id, se.Content))
	}
	return out, nil
}

var paramRE = regexp.MustCompile(`^(.*?)\[(.*)\]$`)

// legacyPrefix begins the ids of entries recorded when LocalStack kept
// these tests elsewhere; the snapshots still hold some.
const legacyPrefix = "tests/integration/stepfunctions/"

func (c *corpus) newEntry(id string, content map[string]json.RawMessage) *entry {
	e := &entry{TestID: id, Content: content, Name: entryName(id)}
	base := id
	if rest, ok := strings.CutPrefix(id, legacyPrefix); ok {
		base = "tests/aws/services/stepfunctions/" + rest
		e.Name = "legacy." + e.Name
	}
	if m := paramRE.FindStringSubmatch(base); m != nil {
		base, e.Param = m[1], m[2]
	}
	c.resolveTemplates(e, base)
	return e
}

// resolveTemplates finds the templates of an entry whose test id without
// parameter is base: by a known edit, the parameter, INDEX.json, or else by
// guessing from the test name and area.
func (c *corpus) resolveTemplates(e *entry, base string) {
	if ed, ok := editFor(base); ok {
		e.Edit = &ed
		e.Templates = c.named(ed.template)
		return
	}
	if name, ok := paramTemplate(base, e.Param); ok {
		e.Templates = c.named(name)
		return
	}
	e.Templates = c.paramTemplates(e.Param)
	known := c.indexTemplates(e, base)
	if len(e.Templates) > 0 {
		c.areaFirst(e, base)
		return
	}
	e.Guessed = true
	e.Templates = c.byName[strings.ToUpper(strings.TrimPrefix(testName(base), "test_"))]
	if len(e.Templates) == 0 || !known {
		e.Templates = append(e.Templates, c.areaTemplates(base)...)
	}
}

// areaFirst orders an entry's templates so those of the test's own area
// come first: a parameter such as BASE_EMPTY names templates of several
// areas.
func (c *corpus) areaFirst(e *entry, base string) {
	area := map[string]bool{}
	for _, p := range c.areaTemplates(base) {
		area[p] = true
	}
	sort.SliceStable(e.Templates, func(i, j int) bool { return area[e.Templates[i]] && !area[e.Templates[j]] })
}

// indexTemplates adds the JSON5 templates INDEX.json lists for base and
// reports whether INDEX.json knows the test.
func (c *corpus) indexTemplates(e *entry, base string) bool {
	ie, known := c.index[base]
	for _, t := range ie.Templates {
		p := filepath.Join(c.root, t)
		if (strings.HasSuffix(t, ".json5") || strings.HasSuffix(t, ".json")) && !slices.Contains(e.Templates, p) {
			e.Templates = append(e.Templates, p)
		}
	}
	return known
}

// templateAreas maps the test directories under v2/ to their template
// directories where the names differ.
var templateAreas = map[string]string{
	"callback": "callbacks", "choice_operators": "choiceoperators", "comments": "comment",
	"error_handling": "errorhandling", "evaluate_jsonata": "evaluatejsonata",
	"intrinsic_functions": "intrinsicfunctions", "local_mocking": "local_mocked",
	"query_language": "querylanguage", "states_variables": "statevariables",
}

// areaTemplates returns every template of a test's area, or none for tests
// directly under v2/.
func (c *corpus) areaTemplates(testID string) []string {
	dir := filepath.Base(filepath.Dir(strings.SplitN(testID, "::", 2)[0]))
	if dir == "v2" {
		return nil
	}
	if a, ok := templateAreas[dir]; ok {
		dir = a
	}
	paths, err := filepath.Glob(filepath.Join(c.root, "tests/aws/services/stepfunctions/templates", dir, "statemachines", "*.json5"))
	if err != nil {
		return nil
	}
	return paths
}

// allTemplates returns the paths of every template, sorted.
func (c *corpus) allTemplates() []string {
	var out []string
	for _, paths := range c.byName {
		out = append(out, paths...)
	}
	sort.Strings(out)
	return out
}

// named returns the paths of the templates with a base name.
func (c *corpus) named(base string) []string {
	return c.byName[strings.ToUpper(strings.TrimSuffix(base, ".json5"))]
}

// testName returns the test function's name from a test id.
func testName(id string) string {
	return id[strings.LastIndex(id, ":")+1:]
}

// entryName turns a test id such as
// tests/aws/.../v2/base/test_base.py::TestSnfBase::test_x[p/q r] into
// base.test_base.TestSnfBase.test_x[p%2Fq%20r], usable as a sub-test name.
func entryName(id string) string {
	file, rest, _ := strings.Cut(id, "::")
	stem := strings.TrimSuffix(filepath.Base(file), ".py")
	dir := filepath.Base(filepath.Dir(file))
	name := dir + "." + stem + "." + strings.ReplaceAll(rest, "::", ".")
	return strings.NewReplacer("/", "%2F", " ", "%20", "\t", "%09").Replace(name)
}
