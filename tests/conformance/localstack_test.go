package conformance

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	corpora "github.com/stormless/stormless/internal/conformance"
)

var update = flag.Bool("update", false, "rewrite testdata/localstack-sfn-not-passing.txt from this run (review the diff: it may only shrink)")

var verdictsFile = flag.String("verdicts", "", "write every entry's verdict (name, status, reason) to this file, tab-separated")

const (
	notPassingFile    = "testdata/localstack-sfn-not-passing.txt"
	notApplicableFile = "testdata/localstack-sfn-not-applicable.txt"
)

const notPassingHeader = `LocalStack Step Functions corpus: applicable entries that do not pass.
One line each: the sub-test name, then why (state, expected vs got).
The list only shrinks: TestLocalstackSFN fails when an entry here passes
(delete its line) and when an entry not here fails (a regression).
A reason starting "flaky:" marks an entry that fails in some runs only.
-update rewrites the list from a run, keeping the reasons of lines still
failing (and flaky lines) and adding new failures: review the diff.
Replay one: go test ./tests/conformance -run 'TestLocalstackSFN/<name>' -v`

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
	root := corpora.MustPath(t, "localstack-sfn")
	c, err := openCorpus(root)
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
	notPassing, err := readList(notPassingFile)
	if err != nil {
		t.Fatal(err)
	}
	naList, err := readList(notApplicableFile)
	if err != nil {
		t.Fatal(err)
	}
	var count tally
	nowFailing := map[string]string{}
	all := map[string]string{}
	ran := 0
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			ran++
			v := c.judge(t.Context(), e, naList)
			count.add(v.Status)
			all[e.Name] = v.Status.String() + "\t" + v.Reason
			if r, ok := notPassing[e.Name]; ok && (isFlaky(r) || v.Status == failed) {
				nowFailing[e.Name] = r
			} else if v.Status == failed {
				nowFailing[e.Name] = v.Reason
			}
			report(t, e, v, notPassing)
		})
	}
	line := fmt.Sprintf("localstack-sfn: %d passed, %d failed, %d not applicable", count.passed, count.failed, count.notApplicable)
	extra := fmt.Sprintf("localstack-sfn: %d entries unresolved (definition built or completed in Python; not counted)", count.unresolved)
	t.Log(line)
	t.Log(extra)
	if testing.Verbose() {
		fmt.Println(line)
		fmt.Println(extra)
	}
	if ran == len(entries) {
		checkStale(t, notPassing, entries)
	}
	if *verdictsFile != "" {
		if err := writeList(*verdictsFile, "name status reason", all); err != nil {
			t.Error(err)
		}
	}
	if *update && ran == len(entries) {
		if err := writeList(notPassingFile, notPassingHeader, nowFailing); err != nil {
			t.Fatal(err)
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

// checkStale fails for list lines that name no entry.
func checkStale(t *testing.T, notPassing map[string]string, entries []*entry) {
	known := map[string]bool{}
	for _, e := range entries {
		known[e.Name] = true
	}
	for name := range notPassing {
		if !known[name] && !*update {
			t.Errorf("%s names no corpus entry: %s (delete the line)", filepath.Base(notPassingFile), name)
		}
	}
}
