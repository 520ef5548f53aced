package pack

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// resourceDirs are the directories a pack keeps its resources in.
var resourceDirs = []string{"actions", "rules", "sensors", "policies", "aliases"}

// loader carries one Load call's state.
type loader struct {
	set *Set
	r   *report
}

// Load loads the packs in dirs. Each dir is either a pack (it holds
// pack.yaml) or a directory whose subdirectories are packs. It validates
// everything and resolves references across all the packs loaded together.
//
// The returned Set holds everything that loaded, even when the error is not
// nil; the error is then an ErrorList with every problem found, sorted by
// file and line. Load never panics, whatever the files hold. It is safe to
// call concurrently.
func Load(dirs ...string) (*Set, error) {
	l, err := newLoader()
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		l.loadDir(dir)
	}
	l.resolve()
	l.set.warnings = l.r.warnings.sort()
	return l.set, l.r.errs.err()
}

func newLoader() (*loader, error) {
	s, err := newSet()
	if err != nil {
		return nil, fmt.Errorf("loading packs: %w", err)
	}
	return &loader{set: s, r: &report{}}, nil
}

// loadDir loads dir as a pack or as a directory of packs.
func (l *loader) loadDir(dir string) {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		l.r.add(Pos{File: dir}, "not a directory: give a pack directory (holding pack.yaml) or a directory of packs")
		return
	}
	if isPackDir(dir) {
		l.loadPack(dir)
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		l.r.add(Pos{File: dir}, "reading directory: %v", err)
		return
	}
	found := false
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if e.IsDir() && isPackDir(sub) {
			l.loadPack(sub)
			found = true
		}
	}
	if !found {
		l.r.add(Pos{File: dir}, "no packs found: a pack directory holds pack.yaml (and actions/, rules/, sensors/...)")
	}
}

// isPackDir reports whether dir holds pack.yaml or any resource directory.
func isPackDir(dir string) bool {
	if isFile(filepath.Join(dir, "pack.yaml")) {
		return true
	}
	for _, sub := range resourceDirs {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// loadPack loads one pack directory.
func (l *loader) loadPack(dir string) {
	p := l.packMeta(dir)
	if prev, dup := l.set.packs[p.Ref]; dup {
		l.r.add(p.Pos, "duplicate pack %q: already loaded from %s; load each pack once", p.Ref, prev.Dir)
		return
	}
	l.set.packs[p.Ref] = p
	l.configSchema(p)
	l.workflows(p)
	l.each(p, "actions", l.action)
	l.each(p, "rules", l.rule)
	l.each(p, "sensors", l.sensor)
	l.each(p, "policies", l.policy)
	l.each(p, "aliases", l.alias)
}

// each calls load for every YAML file directly in the pack's sub directory.
func (l *loader) each(p *Pack, sub string, load func(*Pack, string)) {
	for _, path := range yamlFiles(filepath.Join(p.Dir, sub)) {
		load(p, path)
	}
}

// yamlFiles lists the .yaml, .yml and .json files directly in dir, sorted.
func yamlFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

var packFields = []string{"ref", "name", "description", "version", "author", "email", "keywords",
	"dependencies", "stackstorm_version", "python_versions", "system", "contributors", "files", "url"}

// packRef is what StackStorm accepts as a pack ref.
var packRef = regexp.MustCompile(`^[a-z0-9_]+$`)

// packMeta reads pack.yaml; a pack without one is reported and named after
// its directory.
func (l *loader) packMeta(dir string) *Pack {
	path := filepath.Join(dir, "pack.yaml")
	p := &Pack{Dir: dir, Name: filepath.Base(dir), Pos: Pos{File: path}}
	if !isFile(path) {
		l.r.add(Pos{File: dir}, "pack.yaml missing: add one with at least name, description, version and author")
		p.Ref = filepath.Base(dir)
		return p
	}
	d, root := readDoc(path, l.r)
	if root != nil {
		l.decodePack(d, root, p)
	}
	l.packRef(d, root, p)
	return p
}

func (l *loader) decodePack(d *doc, root *yaml.Node, p *Pack) {
	f, ok := d.mapping(root, "pack.yaml", packFields, []string{"name", "description", "version", "author"})
	if !ok {
		return
	}
	p.Pos = d.pos(root)
	p.Ref = d.optStr(f, "ref")
	if name := d.optStr(f, "name"); name != "" {
		p.Name = name
	}
	p.Description = d.optStr(f, "description")
	p.Version = d.optStr(f, "version")
	p.Author = d.optStr(f, "author")
	p.Email = d.optStr(f, "email")
	p.Keywords = d.strList(f, "keywords")
	p.Dependencies = d.strList(f, "dependencies")
	p.StackStormVersion = d.optStr(f, "stackstorm_version")
	p.PythonVersions = d.strList(f, "python_versions")
	p.System = d.object(f, "system")
	p.Contributors = d.strList(f, "contributors")
}

// packRef settles the pack's ref: "ref" if given, else the name, which must
// then be a valid ref.
func (l *loader) packRef(d *doc, root *yaml.Node, p *Pack) {
	if p.Ref == "" {
		p.Ref = p.Name
	}
	if !packRef.MatchString(p.Ref) {
		d.errorf(root, "pack ref %q may hold only lower-case letters, digits and underscores: set ref in pack.yaml", p.Ref)
	}
}

// configSchema reads config.schema.yaml when the pack has one.
func (l *loader) configSchema(p *Pack) {
	path := filepath.Join(p.Dir, "config.schema.yaml")
	if !isFile(path) {
		return
	}
	d, root := readDoc(path, l.r)
	if root == nil || isNull(root) {
		return
	}
	p.ConfigSchema = map[string]*Param{}
	for name, spec := range d.params(root, "config schema") {
		p.ConfigSchema[name] = spec.param
		l.r.checkParam(spec.param, spec.attrs)
	}
}
