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
// hold together. When a set would run several tasks that its members also
// run alone (conditions the compiler cannot prove exclusive, such as x = y
// and x != y), the transitions are tried in order instead and the first
// that holds is taken.
func (c *compiler) nextRules(t *Task) []any {
	scope := c.nextScope(t)
	conds := make([]string, len(t.Next))
	for i, tr := range t.Next {
		conds[i] = "true"
		if tr.When != nil {
			conds[i] = c.condition(tr.When, scope)
		}
	}
	sets := matchSets(t.Next)
	if forksTogether(t.Next, sets) {
		sets = singletons(len(t.Next))
	}
	var rules []any
	for _, set := range sets {
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
		return singletons(len(trs))
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

// singletons is each of n transitions alone, in order.
func singletons(n int) [][]int {
	sets := make([][]int, n)
	for i := range sets {
		sets[i] = []int{i}
	}
	return sets
}

// forksTogether reports whether some set of several transitions would run
// more than one task.
func forksTogether(trs []*Transition, sets [][]int) bool {
	for _, set := range sets {
		if len(set) < 2 {
			continue
		}
		var targets []string
		for _, k := range set {
			for _, name := range taskTargets(trs[k]) {
				if !slices.Contains(targets, name) {
					targets = append(targets, name)
				}
			}
		}
		if len(targets) > 1 {
			return true
		}
	}
	return false
}
