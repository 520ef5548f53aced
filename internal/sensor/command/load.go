package command

import (
	"errors"

	"github.com/stormless/stormless/internal/pack"
)

// Load returns the command sensors of every enabled sensor in set that has
// an entry point, by sensor ref, and the errors of those that cannot run
// (joined; each names its sensor), so the runtime can show them as failed
// rather than drop them.
func Load(set *pack.Set, opts ...Option) (map[string]*Sensor, error) {
	out := map[string]*Sensor{}
	var errs []error
	for _, p := range set.Packs() {
		for _, s := range p.Sensors {
			if !s.Enabled || s.EntryPoint == "" {
				continue
			}
			c, err := New(s, p.Dir, opts...)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out[s.Ref] = c
		}
	}
	return out, errors.Join(errs...)
}
