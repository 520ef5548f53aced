package expr

import "slices"

// Refs are the workflow names an expression reads, found without
// translating it.
type Refs struct {
	// Ctx lists the context variables read (ctx(x), ctx().x, $.x), with the
	// offset of each reference.
	Ctx []NameRef
	// Tasks lists the tasks named by task(t) and task_status(t).
	Tasks []NameRef
	// Funcs lists the functions called (not methods or filters).
	Funcs []NameRef
}

// NameRef is a name and the byte offset where an expression uses it.
type NameRef struct {
	Name   string
	Offset int
}

// FindRefs walks n and returns the names it reads.
func FindRefs(n Node) Refs {
	var r Refs
	r.walk(n, 0)
	return r
}

// walk visits n; lambda counts enclosing select/where calls, in which $ is
// the element rather than the context.
func (r *Refs) walk(n Node, lambda int) {
	switch n := n.(type) {
	case *ListLit:
		r.walkAll(n.Elems, lambda)
	case *DictLit:
		r.walkAll(n.Keys, lambda)
		r.walkAll(n.Values, lambda)
	case *Attr:
		r.attr(n, lambda)
	case *Index:
		if name, ok := n.Index.(*Lit); ok && isCtxNode(n.X, lambda) {
			if s, ok := name.Value.(string); ok {
				r.Ctx = append(r.Ctx, NameRef{s, n.At})
				return
			}
		}
		r.walk(n.X, lambda)
		r.walk(n.Index, lambda)
	case *Call:
		r.call(n, lambda)
	case *Unary:
		r.walk(n.X, lambda)
	case *Binary:
		r.walk(n.L, lambda)
		r.walk(n.R, lambda)
	case *Cond:
		r.walkAll([]Node{n.Cond, n.Then, n.Else}, lambda)
	case *Test:
		r.walk(n.X, lambda)
	}
}

func (r *Refs) walkAll(ns []Node, lambda int) {
	for _, n := range ns {
		if n != nil {
			r.walk(n, lambda)
		}
	}
}

func (r *Refs) attr(n *Attr, lambda int) {
	if isCtxNode(n.X, lambda) {
		r.Ctx = append(r.Ctx, NameRef{n.Name, n.At})
		return
	}
	r.walk(n.X, lambda)
}

func (r *Refs) call(n *Call, lambda int) {
	if n.Recv == nil {
		r.Funcs = append(r.Funcs, NameRef{n.Name, n.At})
	}
	if n.Recv == nil && len(n.Args) == 1 {
		if name, ok := literalName(n.Args[0]); ok {
			switch n.Name {
			case "ctx":
				r.Ctx = append(r.Ctx, NameRef{name, n.At})
				return
			case "task", "task_status":
				r.Tasks = append(r.Tasks, NameRef{name, n.At})
				return
			case "item":
				return
			}
		}
	}
	if n.Recv != nil {
		r.walk(n.Recv, lambda)
	}
	inner := lambda
	if n.Recv != nil && !n.Filter && slices.Contains(lambdaMethods, n.Name) {
		inner++
	}
	r.walkAll(n.Args, inner)
	for _, kw := range n.Kwargs {
		if kw.Key != nil {
			r.walk(kw.Key, inner)
		}
		r.walk(kw.Value, inner)
	}
}

// isCtxNode reports whether n is ctx() or, outside lambdas, YAQL's $.
func isCtxNode(n Node, lambda int) bool {
	switch n := n.(type) {
	case *Call:
		return n.Name == "ctx" && n.Recv == nil && len(n.Args) == 0 && len(n.Kwargs) == 0
	case *Root:
		return lambda == 0
	}
	return false
}
