package pack

import "gopkg.in/yaml.v3"

var aliasFields = []string{"name", "ref", "uid", "id", "pack", "description", "enabled", "action_ref", "formats", "ack",
	"result", "extra", "immutable_parameters", "metadata_file"}

// alias decodes aliases/*.yaml.
func (l *loader) alias(p *Pack, path string) {
	d, root := readDoc(path, l.r)
	if root == nil {
		return
	}
	f, ok := d.mapping(root, "action alias", aliasFields, []string{"name", "action_ref", "formats"})
	if !ok {
		return
	}
	a := &Alias{
		Pack:        p.Ref,
		Name:        d.optStr(f, "name"),
		Description: d.optStr(f, "description"),
		Enabled:     d.boolean(f, "enabled", true),
		ActionRef:   d.optStr(f, "action_ref"),
		Ack:         d.object(f, "ack"),
		Result:      d.object(f, "result"),
		Pos:         d.pos(root),
	}
	a.Ref = p.Ref + "." + a.Name
	d.checkPackField(f, p)
	a.Formats = d.formats(f.get("formats"))
	l.addAlias(p, a)
}

// formats decodes an alias's formats: strings or {display, representation}.
func (d *doc) formats(n *yaml.Node) []any {
	if n == nil {
		return nil
	}
	list, ok := d.value(n).([]any)
	if !ok {
		d.errorf(n, "formats must be a list of strings or {display, representation} mappings")
		return nil
	}
	return list
}
