package pack

import (
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

var sensorFields = []string{"name", "pack", "class_name", "entry_point", "description", "poll_interval", "enabled", "trigger_types", "metadata_file"}

// sensor decodes sensors/*.yaml and the trigger types it declares.
func (l *loader) sensor(p *Pack, path string) {
	d, root := readDoc(path, l.r)
	if root == nil {
		return
	}
	f, ok := d.mapping(root, "sensor", sensorFields, nil)
	if !ok {
		return
	}
	if !f.has("class_name") && !f.has("entry_point") {
		d.errorf(root, "sensor needs an entry_point (a command run every poll_interval seconds, printing JSON objects) or the class_name of a built-in sensor (such as FileWatchSensor in the linux pack)")
	}
	s := &Sensor{
		Pack:        p.Ref,
		Name:        d.optStr(f, "name"),
		ClassName:   d.optStr(f, "class_name"),
		Description: d.optStr(f, "description"),
		EntryPoint:  d.optStr(f, "entry_point"),
		Enabled:     d.boolean(f, "enabled", true),
		Pos:         d.pos(root),
	}
	s.PollInterval, _ = d.integer(f, "poll_interval")
	if s.Name == "" {
		s.Name = s.ClassName
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	s.Ref = p.Ref + "." + s.Name
	if s.EntryPoint != "" {
		s.EntryPath = l.entryFile(d, f.get("entry_point"), p, "sensors", s.EntryPoint, "sensor "+s.Ref)
	}
	s.TriggerTypes = l.sensorTriggers(d, p, f.get("trigger_types"))
	l.addSensor(p, s)
}

func (l *loader) sensorTriggers(d *doc, p *Pack, n *yaml.Node) []string {
	if n == nil || isNull(n) {
		return nil
	}
	seq := deref(n)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		d.errorf(n, "trigger_types must be a list of trigger type definitions, got %s", kindName(seq))
		return nil
	}
	var refs []string
	for _, item := range seq.Content {
		if t := d.triggerType(item, p.Ref); t != nil {
			refs = append(refs, t.Ref)
			l.addTriggerType(p, t)
		}
	}
	return refs
}

// entryFile resolves an entry point relative to the pack's dir/sub and
// reports it when missing or outside the pack. It returns the path either
// way ("" for an unusable entry point).
func (l *loader) entryFile(d *doc, at *yaml.Node, p *Pack, sub, entry, what string) string {
	if filepath.IsAbs(entry) || strings.HasPrefix(filepath.Clean(entry), "..") {
		d.errorf(at, "%s: entry_point %q must be a path inside the pack's %s/ directory", what, entry, sub)
		return ""
	}
	path := filepath.Join(p.Dir, sub, entry)
	if !isFile(path) {
		d.errorf(at, "%s: entry_point file %s not found: create it or fix entry_point (it is relative to the pack's %s/ directory)", what, path, sub)
	}
	return path
}
