package workflow

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl/jsonata"
	"github.com/stormless/stormless/internal/workflow/expr"
)

// jinjaKeywords open (or close) Jinja statement blocks: {% if %}, {% for %}
// and friends. A {% %} segment is native JSONata in a workflow, so such a
// block would otherwise be taken for JSONata.
var jinjaKeywords = []string{
	"if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro",
	"call", "endcall", "filter", "endfilter", "with", "endwith", "block", "endblock",
	"raw", "endraw", "autoescape", "endautoescape", "include", "import", "from", "extends",
	"break", "continue", "do",
}

// jinjaStatementHint is what to write instead of a Jinja statement block.
const jinjaStatementHint = "{% c ? x : y %} (or Jinja {{ x if c else y }}, YAQL <% switch(c => x, true => y) %>); " +
	"for a loop {% $map(list, function($v) { $v.field }) %} or {{ list | join(', ') }}"

// jinjaStatement reports whether the {% %} segment src reads as a Jinja
// statement rather than JSONata: it starts with a statement keyword and is
// either that keyword alone (endif, else, ...) or not valid JSONata.
func jinjaStatement(src string, valid bool) (string, bool) {
	body := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(src, "-"), "-")) // {%- ... -%}
	word := body
	if i := strings.IndexAny(body, " \t\r\n"); i >= 0 {
		word = body[:i]
	}
	if !slices.Contains(jinjaKeywords, word) {
		return "", false
	}
	return word, !valid || body == word || body != src
}

// checkNative checks one native JSONata {% %} segment found at offset off
// of the string at: it must compile with the interpreter's JSONata, and must
// not be a Jinja statement block.
func (c *errs) checkNative(at *Value, seg expr.Segment) {
	_, err := jsonata.Compile(seg.Src)
	pos := exprPos(at, seg.Offset)
	src := "{% " + seg.Src + " %}"
	if strings.HasPrefix(seg.Src, "-") && strings.HasSuffix(seg.Src, "-") {
		src = "{%" + seg.Src + "%}"
	}
	if word, ok := jinjaStatement(seg.Src, err == nil); ok {
		c.addErr(&Error{Pos: pos, Expr: src,
			Msg:  fmt.Sprintf("Jinja statement {%% %s %%} is not supported ({%% %%} holds native JSONata)", word),
			Hint: jinjaStatementHint})
		return
	}
	if err != nil {
		e := &Error{Pos: pos, Expr: src, Msg: "invalid JSONata expression: " + jsonataMsg(err), Err: err}
		if strings.Contains(seg.Src, "??") || strings.Contains(seg.Src, "?:") {
			e.Msg += " (the ?? and ?: operators of JSONata 2.1 are not supported by the local interpreter)"
			e.Hint = "{% $exists(x) ? x : default %}"
		}
		c.addErr(e)
	}
}

// jsonataMsg is the library's message for a compile error.
func jsonataMsg(err error) string {
	var se *jsonata.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s: %s (at position %d)", se.Code, se.Message, se.Position)
	}
	return err.Error()
}

// checkEmitted compiles every JSONata expression ("{% ... %}" string) of
// the compiled machine m, reporting one that does not compile: a
// translation the compiler got wrong, named by the state holding it.
func (c *errs) checkEmitted(file string, m any) {
	var walk func(v any, state string)
	walk = func(v any, state string) {
		switch v := v.(type) {
		case *object:
			for _, k := range v.keys {
				if states, ok := v.vals[k].(*object); ok && k == "States" {
					for _, name := range states.keys {
						walk(states.vals[name], name)
					}
					continue
				}
				walk(v.vals[k], state)
			}
		case []any:
			for _, x := range v {
				walk(x, state)
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k], state)
			}
		case string:
			src, ok := strings.CutPrefix(v, "{%")
			if src, ok2 := strings.CutSuffix(src, "%}"); ok && ok2 {
				if _, err := jsonata.Compile(strings.TrimSpace(src)); err != nil {
					c.addErr(&Error{Pos: Pos{File: file}, Expr: v, Err: err,
						Msg: fmt.Sprintf("state %q: the compiled expression is not valid JSONata (a compiler bug, please report it): %s", state, jsonataMsg(err))})
				}
			}
		}
	}
	walk(m, "")
}
