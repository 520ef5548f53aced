package expr

import "slices"

// workflowFuncs are Orquesta's functions over the running workflow.
var workflowFuncs map[string]func(*translator, *Call) (out, error)

func init() {
	workflowFuncs = map[string]func(*translator, *Call) (out, error){
		"ctx":         (*translator).ctxCall,
		"result":      (*translator).resultCall,
		"succeeded":   statusCall("= 'succeeded'"),
		"failed":      statusCall("= 'failed'"),
		"abandoned":   statusCall("= 'abandoned'"),
		"completed":   statusCall("in ['succeeded', 'failed', 'expired', 'abandoned', 'canceled']"),
		"task":        (*translator).taskCall,
		"task_status": (*translator).taskStatusCall,
		"item":        (*translator).itemCall,
		"st2kv":       (*translator).kvCall,
	}
}

func (t *translator) ctxCall(n *Call) (out, error) {
	switch {
	case len(n.Args) == 0 && len(n.Kwargs) == 0:
		return t.ctxObject(), nil
	case len(n.Args) == 1 && len(n.Kwargs) == 0:
		if name, ok := literalName(n.Args[0]); ok {
			return t.ctxVar(n, name)
		}
	}
	return out{}, t.fail(n, "{% $lookup({...}, name) %}", "ctx() takes no argument or one variable name")
}

// record returns the current task's execution record or an error.
func (t *translator) record(n *Call) (string, error) {
	if len(n.Args) > 0 || len(n.Kwargs) > 0 {
		return "", t.fail(n, "", "%s() takes no arguments", n.Name)
	}
	if t.scope.Record == "" {
		return "", t.fail(n, "", "%s() is only available in a task's next, publish and retry", n.Name)
	}
	return t.scope.Record, nil
}

func (t *translator) resultCall(n *Call) (out, error) {
	r, err := t.record(n)
	if err != nil {
		return out{}, err
	}
	return atom(r+".result", kAny), nil
}

// statusCall returns a translator comparing the task status with cmp.
func statusCall(cmp string) func(*translator, *Call) (out, error) {
	return func(t *translator, n *Call) (out, error) {
		r, err := t.record(n)
		if err != nil {
			return out{}, err
		}
		return out{s: r + ".status " + cmp, prec: precCmp, kind: kBool}, nil
	}
}

// taskCall translates task() (the current task) and task(name).
func (t *translator) taskCall(n *Call) (out, error) {
	if len(n.Args) == 0 {
		r, err := t.record(n)
		return atom(r, kDict), err
	}
	v, err := t.taskVar(n)
	return atom(v, kDict), err
}

func (t *translator) taskStatusCall(n *Call) (out, error) {
	v, err := t.taskVar(n)
	return atom(v+".status", kStr), err
}

// taskVar returns the variable holding the record of the task n names.
func (t *translator) taskVar(n *Call) (string, error) {
	if len(n.Args) != 1 || len(n.Kwargs) != 0 {
		return "", t.fail(n, "", "%s() takes one task name", n.Name)
	}
	name, ok := literalName(n.Args[0])
	if !ok {
		return "", t.fail(n, "", "%s() needs a literal task name", n.Name)
	}
	v, ok := TaskVar(name)
	if !ok {
		return "", t.fail(n, "", "task name %q is not an identifier", name)
	}
	if !slices.Contains(t.res.Tasks, name) {
		t.res.Tasks = append(t.res.Tasks, name)
	}
	return "$" + t.rename(v), nil
}

// itemCall translates item() and item(name) for zipped items.
func (t *translator) itemCall(n *Call) (out, error) {
	if t.scope.Item == "" {
		return out{}, t.fail(n, "", "item() is only available in a task with items")
	}
	if len(n.Args) == 0 {
		return atom(t.scope.Item, kAny), nil
	}
	name, ok := literalName(n.Args[0])
	if len(n.Args) != 1 || !ok {
		return out{}, t.fail(n, "", "item() takes no argument or one item name")
	}
	if i := slices.Index(t.scope.ItemNames, name); i >= 0 {
		return atom(t.scope.Item+"["+number(int64(i))+"]", kAny), nil
	}
	return atom(t.scope.Item+"."+fieldName(name), kAny), nil
}

// kvCall translates st2kv(key, decrypt => bool) to a lookup in the values
// the compiler fetches before the state.
func (t *translator) kvCall(n *Call) (out, error) {
	if len(n.Args) != 1 {
		return out{}, t.fail(n, "", "st2kv() takes one key")
	}
	k, err := t.node(n.Args[0])
	if err != nil {
		return out{}, err
	}
	decrypt := "false"
	for _, kw := range n.Kwargs {
		if kw.Name != "decrypt" {
			return out{}, t.fail(n, "", "st2kv() has no argument %q", kw.Name)
		}
		d, err := t.node(kw.Value)
		if err != nil {
			return out{}, err
		}
		decrypt = d.s
	}
	return t.kvLookup(k.s, decrypt), nil
}

// kvLookup records a key-value lookup and reads its fetched value.
func (t *translator) kvLookup(key, decrypt string) out {
	ref := KVRef{Key: key, Decrypt: decrypt}
	if !slices.Contains(t.res.KV, ref) {
		t.res.KV = append(t.res.KV, ref)
	}
	return atom("$lookup($"+t.rename(KVVar)+", "+key+")", kAny)
}
