package rule

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// pyPercent implements the common subset of Python's "fmt % args":
// %s, %r, %d, %i, %f and %%.
func pyPercent(format string, args []any) (string, error) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(format) {
			return "", errors.New("incomplete format")
		}
		i++
		verb := format[i]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if n >= len(args) {
			return "", errors.New("not enough arguments for format string")
		}
		s, err := pyFormatOne(verb, args[n])
		if err != nil {
			return "", err
		}
		b.WriteString(s)
		n++
	}
	if n < len(args) {
		return "", errors.New("not all arguments converted during string formatting")
	}
	return b.String(), nil
}

func pyFormatOne(verb byte, v any) (string, error) {
	switch verb {
	case 's':
		return pyStrOf(v), nil
	case 'r':
		return pyRepr(v), nil
	case 'd', 'i':
		f, ok := toFloat(v)
		if !ok {
			return "", fmt.Errorf("%%%c format: a real number is required, not %T", verb, v)
		}
		return strconv.FormatFloat(math.Trunc(f), 'f', 0, 64), nil
	case 'f':
		f, ok := toFloat(v)
		if !ok {
			return "", fmt.Errorf("%%f format: a real number is required, not %T", v)
		}
		return strconv.FormatFloat(f, 'f', 6, 64), nil
	}
	return "", fmt.Errorf("unsupported format character %q", verb)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// pyStrOf is Python's str() of a plain Go value.
func pyStrOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return pyRepr(v)
}

// pyRepr is Python's repr() of a plain Go value.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return "'" + strings.ReplaceAll(strings.ReplaceAll(x, `\`, `\\`), "'", `\'`) + "'"
	case float64:
		return floatNumber(x).String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprint(v)
}
