package intrinsic

// stringToJSON implements States.StringToJson(string): the JSON value the
// string holds; blank text yields null.
func stringToJSON(in *invocation) (any, error) {
	s, err := in.str(0)
	if err != nil {
		return nil, err
	}
	v, err := parseJSON(s)
	if err != nil {
		return nil, in.fail("the string is not valid JSON: %v", err)
	}
	return v, nil
}

// jsonToString implements States.JsonToString(value): compact JSON text.
func jsonToString(in *invocation) (any, error) {
	s, err := compactJSON(in.args[0])
	if err != nil {
		return nil, in.fail("%v", err)
	}
	return s, nil
}

// jsonMerge implements States.JsonMerge(a, b, false): a shallow merge where
// b's members replace a's. Deep merging (true) is not supported by Step
// Functions and fails.
func jsonMerge(in *invocation) (any, error) {
	a, err := in.object(0)
	if err != nil {
		return nil, err
	}
	b, err := in.object(1)
	if err != nil {
		return nil, err
	}
	deep, ok := in.args[2].(bool)
	if !ok {
		return nil, in.fail("argument 3 must be a boolean, got %s", jsonType(in.args[2]))
	}
	if deep {
		return nil, in.fail("deep merge is not supported: the third argument must be false")
	}
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out, nil
}
