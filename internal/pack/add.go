package pack

// The add methods register a decoded resource with its pack and the set,
// reporting a ref defined twice.

func (l *loader) addAction(p *Pack, a *Action) {
	if prev, dup := l.set.actions[a.Ref]; dup {
		l.duplicate("action", a.Ref, a.Pos, prev.Pos)
		return
	}
	l.set.actions[a.Ref] = a
	p.Actions = append(p.Actions, a)
}

func (l *loader) addRule(p *Pack, r *Rule) {
	if prev, dup := l.set.rules[r.Ref]; dup {
		l.duplicate("rule", r.Ref, r.Pos, prev.Pos)
		return
	}
	l.set.rules[r.Ref] = r
	p.Rules = append(p.Rules, r)
}

func (l *loader) addTriggerType(p *Pack, t *TriggerType) {
	if prev, dup := l.set.triggerTypes[t.Ref]; dup {
		l.duplicate("trigger type", t.Ref, t.Pos, prev.Pos)
		return
	}
	l.set.triggerTypes[t.Ref] = t
	p.TriggerTypes = append(p.TriggerTypes, t)
}

func (l *loader) addSensor(p *Pack, s *Sensor) {
	for _, prev := range p.Sensors {
		if prev.Ref == s.Ref {
			l.duplicate("sensor", s.Ref, s.Pos, prev.Pos)
			return
		}
	}
	p.Sensors = append(p.Sensors, s)
}

func (l *loader) addPolicy(p *Pack, pol *Policy) {
	for _, prev := range p.Policies {
		if prev.Ref == pol.Ref {
			l.duplicate("policy", pol.Ref, pol.Pos, prev.Pos)
			return
		}
	}
	p.Policies = append(p.Policies, pol)
}

func (l *loader) addAlias(p *Pack, a *Alias) {
	for _, prev := range p.Aliases {
		if prev.Ref == a.Ref {
			l.duplicate("action alias", a.Ref, a.Pos, prev.Pos)
			return
		}
	}
	p.Aliases = append(p.Aliases, a)
}

func (l *loader) duplicate(kind, ref string, at, prev Pos) {
	if prev.File == "" {
		l.r.add(at, "%s %s is built in: choose another name", kind, ref)
		return
	}
	l.r.add(at, "duplicate %s %s: already defined at %s; rename one of them", kind, ref, prev)
}
