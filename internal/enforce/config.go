package enforce

import (
	"maps"

	"github.com/stormless/stormless/internal/pack"
)

// packConfig is a pack's config_context: the config given for it, with
// the defaults of its config.schema.yaml filled in for keys it lacks, as
// StackStorm does when it loads a pack config. nil when the pack has
// neither.
func packConfig(p *pack.Pack, given map[string]any) map[string]any {
	if p == nil || len(p.ConfigSchema) == 0 {
		return given
	}
	out := maps.Clone(given)
	if out == nil {
		out = map[string]any{}
	}
	for name, spec := range p.ConfigSchema {
		if _, ok := out[name]; !ok && spec.HasDefault {
			out[name] = spec.Default
		}
	}
	return out
}
