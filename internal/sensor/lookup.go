package sensor

import "github.com/stormless/stormless/internal/pack"

// Lookup returns a TypeLookup over set's trigger types, then extra (the
// trigger types of built-in sensors that the set may not declare, such as
// filewatch.TriggerTypeDef()).
func Lookup(set *pack.Set, extra ...*pack.TriggerType) TypeLookup {
	byRef := map[string]*pack.TriggerType{}
	for _, t := range extra {
		byRef[t.Ref] = t
	}
	return func(ref string) (*pack.TriggerType, bool) {
		if set != nil {
			if t, ok := set.TriggerType(ref); ok {
				return t, true
			}
		}
		t, ok := byRef[ref]
		return t, ok
	}
}
