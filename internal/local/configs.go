package local

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"

	"github.com/stormless/stormless/internal/pack"
	"gopkg.in/yaml.v3"
)

// packConfigs returns the configs of set's packs: those given with
// WithPackConfigs, and for the others <dir>/<pack>.yaml when WithConfigDir
// names a directory, as StackStorm reads /opt/stackstorm/configs. Files
// are read on every call, so a pack reload sees edited configs.
func (e *Engine) packConfigs(set *pack.Set) (map[string]map[string]any, error) {
	if e.cfg.configDir == "" {
		return e.cfg.configs, nil
	}
	configs := maps.Clone(e.cfg.configs)
	if configs == nil {
		configs = map[string]map[string]any{}
	}
	for _, p := range set.Packs() {
		if _, given := configs[p.Ref]; given {
			continue
		}
		c, err := readConfig(filepath.Join(e.cfg.configDir, p.Ref+".yaml"))
		if err != nil {
			return nil, err
		}
		if c != nil {
			configs[p.Ref] = c
		}
	}
	return configs, nil
}

// readConfig reads one pack config; a missing file is no config.
func readConfig(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading pack config: %w", err)
	}
	var c map[string]any
	if err := yaml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("decoding pack config %s: %w", path, err)
	}
	return c, nil
}
