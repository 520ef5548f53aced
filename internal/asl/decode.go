package asl

import "math"

// Typed accessors: each reports a problem at ptr/key when the field has the
// wrong type and returns the zero value.

func (d *decoder) str(obj map[string]any, key, ptr string) string {
	raw, ok := obj[key]
	if !ok {
		return ""
	}
	s, ok := raw.(string)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be a string", key)
	}
	return s
}

func (d *decoder) boolean(obj map[string]any, key, ptr string) bool {
	raw, ok := obj[key]
	if !ok {
		return false
	}
	b, ok := raw.(bool)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be a boolean", key)
	}
	return b
}

func (d *decoder) number(obj map[string]any, key, ptr string) (float64, bool) {
	raw, ok := obj[key]
	if !ok {
		return 0, false
	}
	f, ok := raw.(float64)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be a number", key)
	}
	return f, ok
}

func (d *decoder) integer(obj map[string]any, key, ptr string) (int, bool) {
	f, ok := d.number(obj, key, ptr)
	if !ok {
		return 0, false
	}
	if f != math.Trunc(f) || f > math.MaxInt32 || f < math.MinInt32 {
		d.add(ptr+"/"+key, CodeSchema, "%s must be an integer", key)
		return 0, false
	}
	return int(f), true
}

func (d *decoder) object(obj map[string]any, key, ptr string) map[string]any {
	raw, ok := obj[key]
	if !ok {
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be an object", key)
	}
	return m
}

func (d *decoder) strings(obj map[string]any, key, ptr string) []string {
	raw, ok := obj[key]
	if !ok {
		return nil
	}
	list, ok := raw.([]any)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be an array of strings", key)
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			d.add(ptr+"/"+key, CodeSchema, "%s must be an array of strings", key)
			return nil
		}
		out = append(out, s)
	}
	return out
}

// pathField reads a path-valued field that may be null.
func (d *decoder) pathField(obj map[string]any, key, ptr string) PathField {
	raw, ok := obj[key]
	if !ok {
		return PathField{}
	}
	if raw == nil {
		return PathField{Present: true, Null: true}
	}
	s, ok := raw.(string)
	if !ok {
		d.add(ptr+"/"+key, CodeSchema, "%s must be a string or null", key)
	}
	return PathField{Present: true, Path: s}
}

// present returns the raw value and whether the field exists.
func present(obj map[string]any, key string) (any, bool) {
	v, ok := obj[key]
	return v, ok
}
