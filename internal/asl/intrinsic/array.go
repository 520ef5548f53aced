package intrinsic

// maxRange is the most elements States.ArrayRange may produce.
const maxRange = 1000

// array implements States.Array(args...): the arguments as an array.
func array(in *invocation) (any, error) {
	out := make([]any, len(in.args))
	copy(out, in.args)
	return out, nil
}

// arrayPartition implements States.ArrayPartition(array, size): chunks of
// size elements, the last one possibly shorter.
func arrayPartition(in *invocation) (any, error) {
	a, err := in.array(0)
	if err != nil {
		return nil, err
	}
	size, err := in.integer(1)
	if err != nil {
		return nil, err
	}
	if size <= 0 {
		return nil, in.fail("the chunk size must be a positive integer, got %d", size)
	}
	out := []any{}
	for start := 0; start < len(a); start += int(size) {
		end := min(start+int(size), len(a))
		out = append(out, append([]any{}, a[start:end]...))
	}
	return out, nil
}

// arrayContains implements States.ArrayContains(array, value).
func arrayContains(in *invocation) (any, error) {
	a, err := in.array(0)
	if err != nil {
		return nil, err
	}
	want := canonicalJSON(in.args[1])
	for _, e := range a {
		if canonicalJSON(e) == want {
			return true, nil
		}
	}
	return false, nil
}

// arrayRange implements States.ArrayRange(first, last, step): first, then
// first+step, ... up to last included; at most 1000 elements.
func arrayRange(in *invocation) (any, error) {
	var n [3]int64
	for i := range n {
		v, err := in.integer(i)
		if err != nil {
			return nil, err
		}
		n[i] = v
	}
	first, last, step := n[0], n[1], n[2]
	if step == 0 {
		return nil, in.fail("the step must not be 0")
	}
	count := int64(0)
	if (step > 0 && last >= first) || (step < 0 && last <= first) {
		count = (last-first)/step + 1
	}
	if count > maxRange {
		return nil, in.fail("the range would have %d elements, more than %d", count, maxRange)
	}
	out := make([]any, 0, count)
	for i := int64(0); i < count; i++ {
		out = append(out, float64(first+i*step))
	}
	return out, nil
}

// arrayGetItem implements States.ArrayGetItem(array, index).
func arrayGetItem(in *invocation) (any, error) {
	a, err := in.array(0)
	if err != nil {
		return nil, err
	}
	i, err := in.integer(1)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= int64(len(a)) {
		return nil, in.fail("index %d is out of bounds for an array of length %d", i, len(a))
	}
	return a[i], nil
}

// arrayLength implements States.ArrayLength(array).
func arrayLength(in *invocation) (any, error) {
	a, err := in.array(0)
	if err != nil {
		return nil, err
	}
	return float64(len(a)), nil
}

// arrayUnique implements States.ArrayUnique(array): the first occurrence
// of each distinct value, in order.
func arrayUnique(in *invocation) (any, error) {
	a, err := in.array(0)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(a))
	out := []any{}
	for _, e := range a {
		k := canonicalJSON(e)
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out, nil
}
