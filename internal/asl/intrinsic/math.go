package intrinsic

import "math/rand/v2"

// mathAdd implements States.MathAdd(a, b): the sum of the two numbers,
// each first rounded to the nearest integer, halves up.
func mathAdd(in *invocation) (any, error) {
	a, err := in.rounded(0)
	if err != nil {
		return nil, err
	}
	b, err := in.rounded(1)
	if err != nil {
		return nil, err
	}
	return float64(a + b), nil
}

// mathRandom implements States.MathRandom(start, end[, seed]): an integer
// in [start, end), the bounds rounded like mathAdd's. With a seed it is
// java.util.Random(seed).nextInt(end-start)+start, the same for the same
// seed; without, it draws from the Env's source.
func mathRandom(in *invocation) (any, error) {
	start, err := in.rounded(0)
	if err != nil {
		return nil, err
	}
	end, err := in.rounded(1)
	if err != nil {
		return nil, err
	}
	if end <= start {
		return nil, in.fail("the end (%d) must be greater than the start (%d)", end, start)
	}
	if len(in.args) == 3 {
		seed, err := in.rounded(2)
		if err != nil {
			return nil, err
		}
		return float64(start + int64(newJavaRandom(seed).nextInt(int32(end-start)))), nil
	}
	r := rand.New(randomSource(in.env))
	return float64(start + r.Int64N(end-start)), nil
}
