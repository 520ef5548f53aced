package workflow

import "strings"

// region is where the states being built go: the machine itself, or one
// branch of a Parallel state. A branch cannot assign the variables of the
// scope around it, so it works on branch-local copies (local) and hands
// the published ones back through its output.
type region struct {
	states *object
	// failed is this region's Fail state; end is where a branch that ends
	// goes; stop is the join task, at which branches end ("" for none).
	failed, end, stop string
	// arrive, when set, is where a transition to stop goes instead of end:
	// the state marking that the branch arrived at its fork's join.
	arrive string
	// local maps a variable's name (without $) to its branch-local copy.
	local  map[string]string
	parent *region
	// queue holds the tasks still to emit into this region.
	queue []string
}

// v returns the variable that holds name in this region.
func (r *region) v(name string) string {
	for x := r; x != nil; x = x.parent {
		if l, ok := x.local[name]; ok {
			return l
		}
	}
	return name
}

// localName is the branch-local copy of name in branch n.
func localName(n int, name string) string {
	return "sl_b" + itoa(n) + "_" + strings.TrimPrefix(name, "sl_")
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
