package conformance

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// status is what became of one entry.
type status int

const (
	passed status = iota
	failed
	notApplicable
	// unresolved entries cannot be replayed from the corpus: the test
	// builds or completes the definition in Python, or the snapshot lost
	// what the replay needs. They are not counted.
	unresolved
)

// String names the status.
func (s status) String() string {
	switch s {
	case passed:
		return "passed"
	case failed:
		return "failed"
	case notApplicable:
		return "not-applicable"
	}
	return "unresolved"
}

// verdict is the result of judging one entry.
type verdict struct {
	Status status
	// Reason is one line: why it failed, is not applicable or unresolved.
	Reason string
	// Detail is every difference found, for the verbose diff.
	Detail []string
	// Replayed lists the replayed history's events, one per line, for the
	// verbose diff.
	Replayed []string
	// Guessed says a pass replayed a guessed template: no template is named
	// for the test.
	Guessed bool
}

// judge replays every execution of an entry.
func (c *corpus) judge(ctx context.Context, e *entry) verdict {
	if cs, ok := choiceCases(e); ok {
		return c.judgeCases(ctx, e, cs)
	}
	if isTestStateEntry(e) {
		return c.judgeTestState(ctx, e)
	}
	if isValidationEntry(e) {
		return c.judgeValidation(e)
	}
	hs, err := recordedHistories(e.Content)
	if err != nil {
		return verdict{Status: unresolved, Reason: "bad corpus data: " + oneLine(err)}
	}
	if r, ok := fileNotApplicable(e, len(hs) > 0 || len(recordedOutcomes(e)) > 0); ok {
		return verdict{Status: notApplicable, Reason: r}
	}
	if r, ok := staleTemplates[e.Name]; ok {
		return verdict{Status: unresolved, Reason: "stale recording: " + r}
	}
	if len(hs) == 0 {
		return c.judgeWithoutHistory(ctx, e)
	}
	return c.judgeRecorded(ctx, e, hs)
}

// judgeWithoutHistory judges an entry that recorded no execution history:
// a rejected definition, a described outcome, or nothing replayable.
func (c *corpus) judgeWithoutHistory(ctx context.Context, e *entry) verdict {
	if isVariableReferencesEntry(e) {
		return c.judgeVariableReferences(e)
	}
	if r, ok := recordedRejection(e); ok {
		return judgeRejection(e, r)
	}
	if ds := recordedOutcomes(e); len(ds) > 0 {
		return judgeOutcomes(ctx, e, ds)
	}
	return verdict{Status: notApplicable, Reason: contentNotApplicable(contentKeys(e))}
}

// judgeRecorded replays an entry's recorded histories, its edit resolved
// against the first.
func (c *corpus) judgeRecorded(ctx context.Context, e *entry, hs []*history) verdict {
	if len(e.Templates) == 0 {
		return verdict{Status: unresolved, Reason: "no JSON5 template: the definition is built in Python"}
	}
	if e.Edit != nil {
		ed, err := e.Edit.withRecorded(hs[0])
		if err != nil {
			return verdict{Status: unresolved, Reason: oneLine(err)}
		}
		resolved := *e
		resolved.Edit = &ed
		e = &resolved
	}
	v := c.judgeHistories(ctx, e, hs)
	if e.Guessed && v.Status == unresolved {
		v.Reason = "no template named for the test (built in Python, or a stale entry); guessing by name, area and states: " + v.Reason
	}
	return v
}

func contentKeys(e *entry) []string {
	keys := make([]string, 0, len(e.Content))
	for k := range e.Content {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// judgeHistories replays each recorded execution; the first that does not
// pass decides.
func (c *corpus) judgeHistories(ctx context.Context, e *entry, hs []*history) verdict {
	tpls, v, ok := loadTemplates(e.Templates, e)
	if !ok {
		return v
	}
	set := &templateSet{named: tpls, guessed: e.Guessed,
		area: func() []*template {
			area, _, _ := loadTemplates(c.areaTemplates(e.TestID), e)
			return area
		},
		all: func() []*template {
			all, _, _ := loadTemplates(c.allTemplates(), e)
			return all
		},
	}
	guessedAny := false
	for _, h := range hs {
		if r, ok := historyNotApplicable(h); ok {
			return verdict{Status: notApplicable, Reason: r}
		}
		if h.outcome().Status == "" {
			return verdict{Status: unresolved, Reason: "the recorded history is incomplete: it has no execution outcome"}
		}
		if h.inputNormalisedAway() {
			input, ok := timestampInputFor(e.TestID, e.Param, epoch)
			if !ok {
				return verdict{Status: unresolved, Reason: "the snapshot replaced a timestamp of the execution input by a placeholder"}
			}
			h = h.withInput(input)
		}
		v := judgeHistory(ctx, set, h)
		if v.Status != passed {
			if len(hs) > 1 {
				v.Reason = h.Key + ": " + v.Reason
			}
			return v
		}
		guessedAny = guessedAny || v.Guessed
	}
	return verdict{Status: passed, Guessed: guessedAny}
}

// loadTemplates loads templates for an entry; it reports false with the
// verdict when none is usable.
func loadTemplates(paths []string, e *entry) ([]*template, verdict, bool) {
	var tpls []*template
	var errs []string
	for _, p := range paths {
		t, err := loadTemplate(p, e.Param, e.Edit)
		if err == nil {
			t.Objects = s3ObjectsFor(e.TestID)
		}
		if err != nil {
			errs = append(errs, oneLine(err))
			continue
		}
		tpls = append(tpls, t)
	}
	if len(tpls) == 0 && len(errs) == 0 {
		return nil, verdict{Status: unresolved, Reason: "no JSON5 template"}, false
	}
	if len(tpls) == 0 {
		if len(errs) > 0 && !strings.Contains(strings.Join(errs, ""), errUnresolved.Error()) {
			return nil, verdict{Status: unresolved, Reason: "bad corpus data: " + errs[0]}, false
		}
		return nil, verdict{Status: unresolved, Reason: errs[0]}, false
	}
	return tpls, verdict{}, true
}

// templateSet is what an entry's executions are replayed with: the
// templates named for the test, or guesses, and the templates of the
// test's area, then all templates, to guess from when none of the named
// ones fits.
type templateSet struct {
	named     []*template
	guessed   bool
	area, all func() []*template
}

// candidates returns the templates that fit a history and whether they are
// guesses.
func (s *templateSet) candidates(h *history) ([]*template, bool) {
	cands := candidates(s.named, h)
	if len(cands) > 0 {
		return cands, s.guessed
	}
	if !s.guessed {
		cands = candidates(s.area(), h)
	}
	if len(cands) > 0 {
		return cands, true
	}
	return candidates(s.all(), h), true
}

// judgeHistory replays one execution. With templates named for the test
// the first candidate (see candidates) decides: passed, failed, or not
// applicable if it needs more than Step Functions. With guessed templates
// each is tried in turn and the first that replays exactly passes it; a
// replay that fails is unresolved rather than failed: the test's
// definition is most likely none of them.
func judgeHistory(ctx context.Context, set *templateSet, h *history) verdict {
	cands, guessed := set.candidates(h)
	if len(cands) == 0 {
		return verdict{Status: unresolved, Reason: "no template defines the recorded states " + strings.Join(enteredNames(h), ", ")}
	}
	var first *verdict
	if !guessed {
		return judgeWith(ctx, cands[0], h, false)
	}
	for _, t := range cands {
		v := judgeWith(ctx, t, h, guessed)
		if v.Status == passed {
			v.Guessed = true
			return v
		}
		if first == nil {
			first = &v
		}
	}
	return *first
}

// judgeWith replays one execution with one template.
func judgeWith(ctx context.Context, t *template, h *history, guessed bool) verdict {
	if r, ok := templateNotApplicable(t); ok {
		if guessed {
			return verdict{Status: unresolved, Reason: "the closest guessed template, " + t.File + ", needs " + r}
		}
		return verdict{Status: notApplicable, Reason: r}
	}
	rep, err := replay(ctx, t, h)
	switch {
	case err != nil:
		return verdict{Status: failed, Reason: "harness: " + oneLine(err)}
	case rep.ok():
		return verdict{Status: passed}
	case rep.Unknowable != "":
		return verdict{Status: unresolved, Reason: "state " + rep.Unknowable + " runs in a distributed Map: its service responses are in child executions, not in the recorded history"}
	}
	v := failure(rep)
	if guessed {
		v.Status = unresolved
		v.Reason = fmt.Sprintf("no guessed template replays it (closest %s: %s)", rep.Template, v.Reason)
	}
	return v
}

func failure(r *replayed) verdict {
	v := verdict{Status: failed, Reason: r.reason()}
	for _, m := range r.Mismatches {
		v.Detail = append(v.Detail, m.Reason)
	}
	if len(v.Detail) > 0 {
		v.Detail[0] = fmt.Sprintf("%s (template %s)", v.Detail[0], r.Template)
	}
	if r.Got != nil {
		v.Replayed = r.Got.lines()
	}
	return v
}

// candidates returns the templates that define every state the history
// enters, with the Task resources it records, those starting at its first
// state first.
func candidates(tpls []*template, h *history) []*template {
	names := enteredNames(h)
	resources := h.resources()
	var starts, others []*template
	for _, t := range tpls {
		if !definesAll(t, names) || !runsAll(t, resources) {
			continue
		}
		if len(names) > 0 && t.startAt() == names[0] {
			starts = append(starts, t)
		} else {
			others = append(others, t)
		}
	}
	return append(starts, others...)
}

func definesAll(t *template, names []string) bool {
	for _, n := range names {
		if !t.States[n] {
			return false
		}
	}
	return true
}

func runsAll(t *template, resources map[string]string) bool {
	for state, kind := range resources {
		if !t.runs(state, kind) {
			return false
		}
	}
	return true
}

// enteredNames returns the states a history enters, in order of first entry.
func enteredNames(h *history) []string {
	_, order := h.states()
	return order
}
