package conformance

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	corpora "github.com/stormless/stormless/internal/conformance"
)

var (
	update       = flag.Bool("update", false, "rewrite the testdata/localstack-sfn-*.txt lists from this run (review the diff: the not-passing list may only shrink)")
	verdictsFile = flag.String("verdicts", "", "write every entry's verdict (name, status, reason) to this file")
)

// The checked-in lists, each one line per entry: the sub-test name, then
// the reason.
const (
	notPassingFile    = "testdata/localstack-sfn-not-passing.txt"
	notApplicableFile = "testdata/localstack-sfn-not-applicable.txt"
	unresolvedFile    = "testdata/localstack-sfn-unresolved.txt"
)

const notPassingHeader = `LocalStack Step Functions corpus: applicable entries that do not pass.
One line each: the sub-test name, then why (state, expected vs got).
The list only shrinks: TestLocalstackSFN fails when an entry here passes
(delete its line) and when an entry not here fails (a regression).
A reason starting "flaky:" marks an entry that fails in some runs only.
-update rewrites the list from a run, keeping the reasons of lines still
failing (and flaky lines) and adding new failures: review the diff.
Replay one: go test ./tests/conformance -run 'TestLocalstackSFN/<name>' -v`

const notApplicableHeader = `LocalStack Step Functions corpus: entries that need something that is not
Step Functions semantics, with what they need. Computed by the rules in
applicability.go; TestLocalstackSFN fails when this list and the rules
disagree (refresh with -update and review the diff).`

const unresolvedHeader = `LocalStack Step Functions corpus: entries that cannot be replayed from the
corpus (the Python test builds or completes the definition, or the
snapshot normalised away what the replay needs). Not counted. Computed;
TestLocalstackSFN fails when this list is out of date (refresh with -update).`

// tally counts verdicts.
type tally struct{ passed, failed, notApplicable, unresolved int }

func (c *tally) add(s status) {
	switch s {
	case passed:
		c.passed++
	case failed:
		c.failed++
	case notApplicable:
		c.notApplicable++
	default:
		c.unresolved++
	}
}

// TestLocalstackSFN replays the LocalStack corpus (see doc.go).
func TestLocalstackSFN(t *testing.T) {
	c, entries := openEntries(t)
	notPassing := mustReadList(t, notPassingFile)
	verdicts := map[string]verdict{}
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			v := c.judge(t.Context(), e)
			verdicts[e.Name] = v
			report(t, e, v, notPassing)
		})
	}
	summarise(t, verdicts)
	if len(verdicts) != len(entries) {
		return // a -run subset: the lists cannot be checked
	}
	if *update {
		writeLists(t, verdicts, notPassing)
		return
	}
	checkNotPassing(t, notPassing, verdicts)
	checkList(t, notApplicableFile, withStatus(verdicts, notApplicable))
	checkList(t, unresolvedFile, withStatus(verdicts, unresolved))
}

func openEntries(t *testing.T) (*corpus, []*entry) {
	c, err := openCorpus(corpora.MustPath(t, "localstack-sfn"))
	if err != nil {
		t.Fatalf("opening corpus: %v", err)
	}
	entries, errs := c.entries()
	for _, err := range errs {
		t.Errorf("corpus: %v", err)
	}
	if len(entries) == 0 {
		t.Fatal(errNoEntries)
	}
	return c, entries
}

func mustReadList(t *testing.T, path string) map[string]string {
	l, err := readList(path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// summarise prints the count line.
func summarise(t *testing.T, verdicts map[string]verdict) {
	var n tally
	guessed := 0
	for _, v := range verdicts {
		n.add(v.Status)
		if v.Status == passed && v.Guessed {
			guessed++
		}
	}
	lines := []string{
		fmt.Sprintf("localstack-sfn: %d passed, %d failed, %d not applicable", n.passed, n.failed, n.notApplicable),
		fmt.Sprintf("localstack-sfn: %d entries unresolved (not counted; see %s)", n.unresolved, filepath.Base(unresolvedFile)),
		fmt.Sprintf("localstack-sfn: %d of the passes replay a guessed template (none is named for the test)", guessed),
	}
	for _, l := range lines {
		t.Log(l)
		if testing.Verbose() {
			fmt.Println(l)
		}
	}
	if *verdictsFile != "" {
		all := map[string]string{}
		for name, v := range verdicts {
			all[name] = v.Status.String() + " " + v.Reason
		}
		if err := writeList(*verdictsFile, "name status reason", all); err != nil {
			t.Error(err)
		}
	}
}

// report passes or fails one entry's sub-test against the not-passing list.
func report(t *testing.T, e *entry, v verdict, notPassing map[string]string) {
	listed, onList := notPassing[e.Name]
	switch v.Status {
	case notApplicable:
		t.Skipf("not applicable: %s", v.Reason)
	case unresolved:
		t.Skipf("unresolved: %s", v.Reason)
	case passed:
		if onList && !*update && !isFlaky(listed) {
			t.Errorf("passes now: delete its line from %s (%s)", filepath.Base(notPassingFile), listed)
		}
	case failed:
		if testing.Verbose() {
			t.Logf("diff for %s:\n  %s", e.TestID, strings.Join(v.Detail, "\n  "))
			t.Logf("replayed history:\n  %s", strings.Join(v.Replayed, "\n  "))
		}
		if !onList && !*update {
			t.Errorf("regression (not on %s): %s", filepath.Base(notPassingFile), v.Reason)
		}
	}
}

// isFlaky reports whether a not-passing line is marked "flaky:": the entry
// fails in some runs only, so passing is not news.
func isFlaky(reason string) bool { return strings.HasPrefix(reason, "flaky:") }

// checkNotPassing fails for lines that name no failing entry of the corpus
// (entries that pass are reported by their sub-tests).
func checkNotPassing(t *testing.T, notPassing map[string]string, verdicts map[string]verdict) {
	for name := range notPassing {
		v, ok := verdicts[name]
		switch {
		case !ok:
			t.Errorf("%s names no corpus entry: %s (delete the line)", filepath.Base(notPassingFile), name)
		case v.Status == notApplicable || v.Status == unresolved:
			t.Errorf("%s lists %s, which is now %s (delete the line)", filepath.Base(notPassingFile), name, v.Status)
		}
	}
}

// checkList fails when a computed list differs from its checked-in file.
func checkList(t *testing.T, path string, want map[string]string) {
	got := mustReadList(t, path)
	var diffs []string
	for name, r := range want {
		if got[name] != r {
			diffs = append(diffs, fmt.Sprintf("  %s: file says %q, computed %q", name, got[name], r))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, fmt.Sprintf("  %s: listed, but not computed", name))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Errorf("%s is out of date (run with -update and review):\n%s", filepath.Base(path), strings.Join(diffs[:min(len(diffs), 10)], "\n"))
	}
}

// withStatus returns the names and reasons of the verdicts with status s.
func withStatus(verdicts map[string]verdict, s status) map[string]string {
	out := map[string]string{}
	for name, v := range verdicts {
		if v.Status == s {
			out[name] = v.Reason
		}
	}
	return out
}

// writeLists rewrites the three lists; the not-passing one keeps the
// reasons of lines still failing and flaky lines.
func writeLists(t *testing.T, verdicts map[string]verdict, notPassing map[string]string) {
	failing := map[string]string{}
	for name, v := range verdicts {
		r, listed := notPassing[name]
		switch {
		case listed && (isFlaky(r) || v.Status == failed):
			failing[name] = r
		case v.Status == failed:
			failing[name] = v.Reason
		}
	}
	for _, l := range []struct {
		path, header string
		items        map[string]string
	}{
		{notPassingFile, notPassingHeader, failing},
		{notApplicableFile, notApplicableHeader, withStatus(verdicts, notApplicable)},
		{unresolvedFile, unresolvedHeader, withStatus(verdicts, unresolved)},
	} {
		if err := writeList(l.path, l.header, l.items); err != nil {
			t.Error(err)
		}
	}
}
