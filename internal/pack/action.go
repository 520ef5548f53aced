package pack

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/stormless/stormless/internal/schema"
)

var actionFields = []string{"name", "ref", "uid", "id", "pack", "description", "enabled", "runner_type", "entry_point",
	"parameters", "notify", "tags", "output_schema", "output_key", "metadata_file"}

// action decodes actions/*.yaml.
func (l *loader) action(p *Pack, path string) {
	if a := l.decodeAction(p, path); a != nil {
		l.addAction(p, a)
	}
}

// decodeAction reads one action file of pack p; nil when it is unusable.
func (l *loader) decodeAction(p *Pack, path string) *Action {
	d, root := readDoc(path, l.r)
	if root == nil {
		return nil
	}
	f, ok := d.mapping(root, "action", actionFields, []string{"name", "runner_type"})
	if !ok {
		return nil
	}
	a := &Action{
		Pack:         p.Ref,
		Name:         d.optStr(f, "name"),
		Description:  d.optStr(f, "description"),
		Enabled:      d.boolean(f, "enabled", true),
		RunnerType:   d.optStr(f, "runner_type"),
		EntryPoint:   d.optStr(f, "entry_point"),
		Notify:       d.object(f, "notify"),
		OutputSchema: d.object(f, "output_schema"),
		Pos:          d.pos(root),
	}
	a.Ref = p.Ref + "." + a.Name
	d.checkPackField(f, p)
	a.Tags = d.tags(f)
	l.actionParams(d, f, a)
	l.actionEntry(d, f, p, a)
	return a
}

// actionParams merges the action's parameters with its runner's.
func (l *loader) actionParams(d *doc, f fields, a *Action) {
	local := d.params(f.get("parameters"), "action "+a.Ref)
	runner, ok := l.set.Runner(a.RunnerType)
	if !ok && a.RunnerType != "" {
		d.errorf(f.get("runner_type"), "unknown runner_type %q: use one of %s", a.RunnerType, strings.Join(l.runnerNames(), ", "))
	}
	if ok {
		a.RunnerType = runner.Name
	}
	a.Parameters = l.r.mergeParams(a.Ref, runner, local)
	l.r.checkPositions(a.Parameters, local)
	if o := f.get("output_schema"); a.OutputSchema != nil {
		if _, err := schema.Compile(a.OutputSchema); err != nil {
			d.errorf(o, "action %s: invalid JSON Schema in output_schema: %v", a.Ref, err)
		}
	}
}

func (l *loader) runnerNames() []string {
	var names []string
	for _, r := range l.set.Runners() {
		names = append(names, r.Name)
	}
	return names
}

// actionEntry resolves the entry point and parses workflow definitions.
func (l *loader) actionEntry(d *doc, f fields, p *Pack, a *Action) {
	runner, known := l.set.Runner(a.RunnerType)
	if a.EntryPoint == "" {
		if known && runner.NeedsEntryPoint() {
			d.errorf(f.node, "action %s: runner %s needs an entry_point (a file relative to %s)", a.Ref, runner.Name, filepath.Join(p.Dir, "actions"))
		}
		return
	}
	a.EntryPath = l.entryFile(d, f.get("entry_point"), p, "actions", a.EntryPoint, "action "+a.Ref)
	if known && runner.IsWorkflow() && a.EntryPath != "" && isFile(a.EntryPath) {
		a.Workflow = l.workflow(p, a.EntryPath)
	}
}

// checkPackField reports a "pack" field that names another pack.
func (d *doc) checkPackField(f fields, p *Pack) {
	if n := f.get("pack"); n != nil {
		if v := d.str(n, "pack"); v != "" && v != p.Ref {
			d.errorf(n, "pack %q does not match the pack this file is in (%q): fix it or remove the field", v, p.Ref)
		}
	}
}

// tags decodes a list of {name, value} tags.
func (d *doc) tags(f fields) []map[string]any {
	n := f.get("tags")
	if n == nil || isNull(n) {
		return nil
	}
	list, ok := d.value(n).([]any)
	if !ok {
		d.errorf(n, "tags must be a list of {name, value} mappings")
		return nil
	}
	var out []map[string]any
	for _, t := range list {
		m, ok := t.(map[string]any)
		if !ok {
			d.errorf(n, "tags must be a list of {name, value} mappings")
			return nil
		}
		out = append(out, m)
	}
	return out
}

// workflows parses every definition under actions/workflows/.
func (l *loader) workflows(p *Pack) {
	for _, path := range yamlFiles(filepath.Join(p.Dir, "actions", "workflows")) {
		l.workflow(p, path)
	}
}

// workflow parses the workflow definition at path once per pack.
func (l *loader) workflow(p *Pack, path string) *Workflow {
	for _, w := range p.Workflows {
		if w.Path == path {
			return w
		}
	}
	rel, err := filepath.Rel(filepath.Join(p.Dir, "actions"), path)
	if err != nil {
		rel = path
	}
	w := &Workflow{Path: path, Rel: rel}
	p.Workflows = append(p.Workflows, w)
	d, root := readDoc(path, l.r)
	if root == nil {
		return w
	}
	if def, ok := d.value(root).(map[string]any); ok {
		w.Def = def
	} else {
		d.errorf(root, "a workflow definition must be a mapping (version, input, tasks... or chain), got %s", kindName(deref(root)))
	}
	return w
}

// LoadActionFile loads one action metadata file as part of the pack in the
// directory above its actions/ directory, and merges its runner's
// parameters. Use it to check an action on its own. The error, if any, is
// an ErrorList.
func LoadActionFile(path string) (*Action, error) {
	l, err := newLoader()
	if err != nil {
		return nil, err
	}
	p := l.standalonePack(path)
	a := l.decodeAction(p, path)
	if a == nil {
		return nil, l.r.errs.err()
	}
	return a, l.r.errs.err()
}

// standalonePack is the pack a lone file at path belongs to: the directory
// above the resource directory, its name from pack.yaml if readable.
func (l *loader) standalonePack(path string) *Pack {
	dir := filepath.Dir(filepath.Dir(path))
	p := &Pack{Dir: dir, Name: filepath.Base(dir), Ref: filepath.Base(dir)}
	meta := filepath.Join(dir, "pack.yaml")
	if data, err := os.ReadFile(meta); err == nil {
		quiet := &report{}
		d, root := parseDoc(meta, data, quiet)
		if root != nil {
			(&loader{set: l.set, r: quiet}).decodePack(d, root, p)
			if p.Ref == "" {
				p.Ref = p.Name
			}
		}
	}
	return p
}
