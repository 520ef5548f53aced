package expr

import (
	"strconv"
	"strings"
)

// funcSpec translates one function whose arguments (receiver first) are
// already translated; max < 0 means variadic.
type funcSpec struct {
	min, max int
	f        func(a []out) out
}

func (s funcSpec) arity() string {
	switch {
	case s.max < 0:
		return "at least " + strconv.Itoa(s.min)
	case s.min == s.max:
		return strconv.Itoa(s.min)
	}
	return strconv.Itoa(s.min) + " to " + strconv.Itoa(s.max)
}

// fn1 wraps a JSONata function of one argument.
func fn1(name string, k kind) funcSpec {
	return funcSpec{1, 1, func(a []out) out { return atom("$"+name+"("+a[0].s+")", k) }}
}

// tmpl renders a fixed template over the arguments: {0}, {1}, ...
func tmpl(min, max int, k kind, t string) funcSpec {
	return funcSpec{min, max, func(a []out) out {
		s := t
		for i, x := range a {
			s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", x.s)
		}
		return atom(s, k)
	}}
}

// funcs are the YAQL functions, Jinja filters and StackStorm helpers with a
// JSONata translation, by name; a method or filter receiver is the first
// argument.
var funcs = map[string]funcSpec{
	"str":              fn1("string", kStr),
	"string":           fn1("string", kStr),
	"float":            fn1("number", kNum),
	"bool":             fn1("boolean", kBool),
	"int":              tmpl(1, 1, kNum, "($sl_n := $number({0}); $sl_n < 0 ? $ceil($sl_n) : $floor($sl_n))"),
	"len":              lengthSpec,
	"length":           lengthSpec,
	"count":            lengthSpec,
	"default":          {2, 3, defaultValue},
	"d":                {2, 3, defaultValue},
	"upper":            fn1("uppercase", kStr),
	"toUpper":          fn1("uppercase", kStr),
	"lower":            fn1("lowercase", kStr),
	"toLower":          fn1("lowercase", kStr),
	"trim":             fn1("trim", kStr),
	"strip":            fn1("trim", kStr),
	"capitalize":       tmpl(1, 1, kStr, "($sl_s := $string({0}); $uppercase($substring($sl_s, 0, 1)) & $lowercase($substring($sl_s, 1)))"),
	"join":             {1, 2, join},
	"replace":          tmpl(3, 3, kStr, "$replace({0}, {1}, {2})"),
	"split":            tmpl(2, 2, kList, "$split({0}, {1})"),
	"startsWith":       startsWith,
	"startswith":       startsWith,
	"endsWith":         endsWith,
	"endswith":         endsWith,
	"get":              {2, 3, get},
	"first":            tmpl(1, 1, kAny, "{0}[0]"),
	"last":             tmpl(1, 1, kAny, "{0}[-1]"),
	"keys":             tmpl(1, 1, kList, "[$keys({0})]"),
	"values":           tmpl(1, 1, kList, eachMember("$sl_v")),
	"items":            tmpl(1, 1, kList, eachMember("[$sl_k, "+asElem("$sl_v")+"]")),
	"sum":              fn1("sum", kNum),
	"max":              fn1("max", kNum),
	"min":              fn1("min", kNum),
	"abs":              fn1("abs", kNum),
	"round":            {1, 2, round},
	"sort":             fn1("sort", kList),
	"reverse":          fn1("reverse", kList),
	"unique":           fn1("distinct", kList),
	"distinct":         fn1("distinct", kList),
	"list":             tmpl(1, 1, kList, "($sl_l := {0}; $type($sl_l) = 'object' ? [$keys($sl_l)] : $type($sl_l) = 'string' ? [$split($sl_l, '')] : [$sl_l])"),
	"use_none":         tmpl(1, 1, kAny, "{0}"),
	"tojson":           fn1("string", kStr),
	"to_json":          fn1("string", kStr),
	"to_json_string":   fn1("string", kStr),
	"json_dump":        fn1("string", kStr),
	"toJson":           fn1("string", kStr),
	"json":             fn1("parse", kAny),
	"from_json":        fn1("parse", kAny),
	"from_json_string": fn1("parse", kAny),
	"json_parse":       fn1("parse", kAny),
	"parseJson":        fn1("parse", kAny),
	"zip":              {2, -1, zip},
	"random":           tmpl(2, 2, kNum, "$floor($random() * ({1} - {0} + 1)) + {0}"),
	"now":              tmpl(0, 0, kStr, "$now()"),
	"concat":           {1, -1, concat},
	"range":            {1, 2, rangeSpec},
	"contains":         tmpl(2, 2, kBool, "(({1}) in ({0}))"),
	"containsKey":      tmpl(2, 2, kBool, "({1} in $keys({0}))"),
	"isList":           tmpl(1, 1, kBool, "($type({0}) = 'array')"),
	"isDict":           tmpl(1, 1, kBool, "($type({0}) = 'object')"),
	"isString":         tmpl(1, 1, kBool, "($type({0}) = 'string')"),
	"isNumber":         tmpl(1, 1, kBool, "($type({0}) = 'number')"),
	"isBoolean":        tmpl(1, 1, kBool, "($type({0}) = 'boolean')"),
}

// eachMember lists, for every member $sl_k: $sl_v of a dict, the value of
// expression elem, as one element each, in a real array whatever the count
// (see collect).
func eachMember(elem string) string {
	return "($sl_o := {0}; " + collect("$keys($sl_o)", "$sl_k", "", "($sl_v := $lookup($sl_o, $sl_k); "+elem+")") + ")"
}

// asElem is variable v as one element: an array value is wrapped so that
// $append or an array constructor, which splice arrays in, keep it whole.
func asElem(v string) string {
	return "($type(" + v + ") = 'array' ? [[" + v + "]] : " + v + ")"
}

var (
	startsWith = tmpl(2, 2, kBool, "$substring({0}, 0, $length({1})) = {1}")
	endsWith   = tmpl(2, 2, kBool, "$substring({0}, -$length({1})) = {1}")
)

// get is dict.get(key[, default]) in Python and YAQL.
func get(a []out) out {
	def := "null"
	if len(a) == 3 {
		def = a[2].wrap(precCond)
	}
	return atom("($sl_g := $lookup("+a[0].s+", "+a[1].s+"); $exists($sl_g) ? $sl_g : "+def+")", kAny)
}

var lengthSpec = tmpl(1, 1, kNum, "($sl_c := {0}; $type($sl_c) = 'string' ? $length($sl_c) : $type($sl_c) = 'object' ? $count($keys($sl_c)) : $count($sl_c))")

// defaultValue is Jinja's default(value, default_value, boolean=false).
func defaultValue(a []out) out {
	test := "$exists($sl_d)"
	if len(a) == 3 {
		test = "($exists($sl_d) and ($not(" + a[2].s + ") or $boolean($sl_d)))"
	}
	return atom("($sl_d := "+a[0].s+"; "+test+" ? $sl_d : "+a[1].wrap(precCond)+")", kAny)
}

// join is Jinja's list | join(sep) and YAQL's join(list, sep); a string
// receiver is Python's sep.join(list).
func join(a []out) out {
	if len(a) == 1 {
		return atom("$join("+stringsOf(a[0].s)+")", kStr)
	}
	list, sep := a[0], a[1]
	if list.kind == kStr && sep.kind != kStr {
		list, sep = sep, list
	}
	return atom("$join("+stringsOf(list.s)+", "+sep.s+")", kStr)
}

// stringsOf converts every element of a list to a string (a lambda, as
// $map passes the index too, which $string's signature rejects).
func stringsOf(list string) string {
	return "$map(" + list + ", function($sl_v) { $string($sl_v) })"
}

func zip(a []out) out {
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = x.s
	}
	return atom("$zip("+strings.Join(parts, ", ")+")", kList)
}

func concat(a []out) out {
	s := a[0].wrap(precAdd)
	for _, x := range a[1:] {
		s += " & " + x.wrap(precAdd+1)
	}
	return out{s: s, prec: precAdd, kind: kStr}
}

func round(a []out) out {
	if len(a) == 1 {
		return atom("$round("+a[0].s+")", kNum)
	}
	return atom("$round("+a[0].s+", "+a[1].s+")", kNum)
}

// rangeSpec is range(stop) or range(start, stop): Python's half-open range.
func rangeSpec(a []out) out {
	if len(a) == 1 {
		return atom("[0..("+a[0].wrap(precAdd+1)+" - 1)]", kList)
	}
	return atom("["+a[0].s+"..("+a[1].wrap(precAdd+1)+" - 1)]", kList)
}
