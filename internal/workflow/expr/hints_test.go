package expr

import (
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// TestHintsCompile checks that every hint is JSONata (its placeholders
// read as paths).
func TestHintsCompile(t *testing.T) {
	all := map[string]string{"format": formatHint}
	for k, v := range hints {
		all[k] = v
	}
	for name, h := range all {
		src, ok := strings.CutPrefix(h, "{% ")
		end := strings.Index(src, " %}")
		if !ok || end < 0 {
			t.Errorf("%s: hint %q is not a {%% %%} expression", name, h)
			continue
		}
		if _, err := jsonata.Compile(src[:end]); err != nil {
			t.Errorf("%s: hint %q does not compile: %v", name, h, err)
		}
	}
}
