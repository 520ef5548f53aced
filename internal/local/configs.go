package local

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// loadConfigs reads <dir>/<pack>.yaml for every loaded pack, as StackStorm
// reads /opt/stackstorm/configs; configs given with WithPackConfigs win.
func (e *Engine) loadConfigs() error {
	if e.cfg.configDir == "" {
		return nil
	}
	if e.cfg.configs == nil {
		e.cfg.configs = map[string]map[string]any{}
	}
	for _, p := range e.set.Packs() {
		if _, given := e.cfg.configs[p.Ref]; given {
			continue
		}
		c, err := readConfig(filepath.Join(e.cfg.configDir, p.Ref+".yaml"))
		if err != nil {
			return err
		}
		if c != nil {
			e.cfg.configs[p.Ref] = c
		}
	}
	return nil
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
