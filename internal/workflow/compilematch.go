package workflow

import (
	"slices"
	"sort"
	"strings"
)

// maxMerged bounds the transitions whose combinations are compiled: with
// more, transitions are tried in order and the first that holds is taken.
const maxMerged = 4

// nextRules returns the Choice rules of a task's transitions. Orquesta
// takes every transition whose condition holds; a Choice state takes one
// rule. So each set of transitions that can hold together becomes one
// rule, largest sets first, publishing all of them and running all their
// tasks; conditions on opposite task statuses (succeeded(), failed()) never
// hold together.
func (c *compiler) nextRules(t *Task) []any {
	scope := c.nextScope(t)
	conds := make([]string, len(t.Next))
	for i, tr := range t.Next {
		conds[i] = "true"
		if tr.When != nil {
			conds[i] = c.condition(tr.When, scope)
		}
	}
	var rules []any
	for _, set := range matchSets(t.Next) {
		if len(set) == 1 {
			tr := t.Next[set[0]]
			rules = append(rules, c.transitionRules(t, tr, conds[set[0]], whenStatus(tr.When))...)
			continue
		}
		rules = append(rules, c.mergedRules(t, set, conds)...)
	}
	return rules
}

// mergedRules compiles transitions that hold together as one.
func (c *compiler) mergedRules(t *Task, set []int, conds []string) []any {
	merged := &Transition{Pos: t.Next[set[0]].Pos}
	var parts []string
	status := ""
	for _, k := range set {
		tr := t.Next[k]
		merged.Publish = append(merged.Publish, tr.Publish...)
		for _, d := range tr.Do {
			if !slices.ContainsFunc(merged.Do, func(x Target) bool { return x.Name == d.Name }) {
				merged.Do = append(merged.Do, d)
			}
		}
		if p := "(" + conds[k] + ")"; !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
		if s := whenStatus(tr.When); s != "" {
			status = s
		}
	}
	if len(taskTargets(merged)) > 1 {
		c.add(merged.Pos, "transitions of task %s to %s can hold together and would run them in parallel, but each also runs alone: not supported by the compiler; make the conditions exclusive or name the tasks in one do",
			t.Name, strings.Join(taskTargets(merged), ", "))
		return nil
	}
	cond := strings.Join(parts, " and ")
	if len(parts) == 1 {
		cond = conds[set[0]]
	}
	return c.transitionRules(t, merged, cond, status)
}

// matchSets lists the sets of transitions (indexes) that can hold
// together, largest first, each in file order. With more than maxMerged
// transitions, or when no two can hold together, it is each one alone.
func matchSets(trs []*Transition) [][]int {
	var sets [][]int
	if len(trs) <= maxMerged {
		for mask := 1; mask < 1<<len(trs); mask++ {
			if set := bits(mask, len(trs)); compatible(trs, set) {
				sets = append(sets, set)
			}
		}
	}
	if len(sets) == len(trs) || len(trs) > maxMerged {
		sets = sets[:0]
		for i := range trs {
			sets = append(sets, []int{i})
		}
		return sets
	}
	sort.SliceStable(sets, func(i, j int) bool {
		if len(sets[i]) != len(sets[j]) {
			return len(sets[i]) > len(sets[j])
		}
		return slices.Compare(sets[i], sets[j]) < 0
	})
	return sets
}

// bits returns the indexes set in mask.
func bits(mask, n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if mask&(1<<i) != 0 {
			out = append(out, i)
		}
	}
	return out
}

// compatible reports whether the transitions can hold at once: not one on
// success and another on failure.
func compatible(trs []*Transition, set []int) bool {
	seen := ""
	for _, k := range set {
		s := whenStatus(trs[k].When)
		if s != "" && seen != "" && s != seen {
			return false
		}
		if s != "" {
			seen = s
		}
	}
	return true
}
