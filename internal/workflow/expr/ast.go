package expr

// Node is a parsed expression. The concrete types are *Lit, *ListLit,
// *DictLit, *Name, *Root, *Var, *Attr, *Index, *Call, *Unary, *Binary,
// *Cond and *Test.
type Node interface {
	// Pos returns the byte offset of the node in the expression.
	Pos() int
}

// Lit is a literal: a string, float64 or int64 number, bool, or nil (null,
// None).
type Lit struct {
	At    int
	Value any
}

// ListLit is a list literal [a, b].
type ListLit struct {
	At    int
	Elems []Node
	// Tuple is set for Jinja's (a, b), which % formatting unpacks.
	Tuple bool
}

// DictLit is a dict literal {k: v}; Keys and Values have the same length.
type DictLit struct {
	At     int
	Keys   []Node
	Values []Node
}

// Name is a bare identifier: a Jinja variable (in action-chains, a chain
// variable, parameter or task result).
type Name struct {
	At   int
	Name string
}

// Root is YAQL's $: the workflow context, or the current element inside a
// select/where lambda.
type Root struct{ At int }

// Var is a YAQL variable $name.
type Var struct {
	At   int
	Name string
}

// Attr is attribute access X.Name.
type Attr struct {
	At   int
	X    Node
	Name string
}

// Index is X[Index].
type Index struct {
	At    int
	X     Node
	Index Node
}

// Call is a function call Name(Args, Kwargs...). Recv is set for YAQL
// method calls (recv.name(args)) and Jinja filters (recv | name(args));
// Filter tells which.
type Call struct {
	At     int
	Name   string
	Recv   Node
	Filter bool
	Args   []Node
	Kwargs []Kwarg
}

// Kwarg is a named call argument: name => value (YAQL) or name=value (Jinja).
type Kwarg struct {
	Name  string
	Value Node
	// Key is set instead of Name for YAQL's expression => value pairs, as
	// in switch(cond => value).
	Key Node
}

// Unary is "not X" or "-X".
type Unary struct {
	At int
	Op string
	X  Node
}

// Binary is L Op R with Op one of or, and, ==, !=, <, <=, >, >=, in, not in,
// +, -, *, /, //, %, **, ~ (YAQL's = is normalised to ==, mod to %).
type Binary struct {
	At   int
	Op   string
	L, R Node
}

// Cond is Jinja's "Then if Cond else Else"; Else is nil when omitted.
type Cond struct {
	At               int
	Cond, Then, Else Node
}

// Test is a Jinja test "X is [not] Name" (defined, none, string, ...).
type Test struct {
	At  int
	X   Node
	Not bool
	// Name is the test's name.
	Name string
}

// Pos implements Node.
func (n *Lit) Pos() int { return n.At }

// Pos implements Node.
func (n *ListLit) Pos() int { return n.At }

// Pos implements Node.
func (n *DictLit) Pos() int { return n.At }

// Pos implements Node.
func (n *Name) Pos() int { return n.At }

// Pos implements Node.
func (n *Root) Pos() int { return n.At }

// Pos implements Node.
func (n *Var) Pos() int { return n.At }

// Pos implements Node.
func (n *Attr) Pos() int { return n.At }

// Pos implements Node.
func (n *Index) Pos() int { return n.At }

// Pos implements Node.
func (n *Call) Pos() int { return n.At }

// Pos implements Node.
func (n *Unary) Pos() int { return n.At }

// Pos implements Node.
func (n *Binary) Pos() int { return n.At }

// Pos implements Node.
func (n *Cond) Pos() int { return n.At }

// Pos implements Node.
func (n *Test) Pos() int { return n.At }
