package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/stormless/stormless/infra/schedule"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/timer"
	"github.com/stormless/stormless/internal/workflow"
	"github.com/stormless/stormless/statemachines"
)

// Substitution keys the workflow machines carry besides the platform's
// (statemachines.RunnerFunctionARN): CloudFormation fills them with the
// stack's region and account, so a nested workflow's ARN is known without
// a reference between machines (which could be circular).
const (
	RegionSubstitution  = "Region"
	AccountSubstitution = "AccountId"
)

// workflowOptions are the options the stack compiles set's workflows
// with: the runner function and the ARNs of nested workflows as
// definition substitutions.
func workflowOptions(set *pack.Set) workflow.Options {
	return workflow.PackOptions(set, "${"+statemachines.RunnerFunctionARN+"}", func(ref string) string {
		return workflow.StateMachineARN("${"+RegionSubstitution+"}", "${"+AccountSubstitution+"}", ref)
	})
}

// Packs is what the stack deploys from a pack directory, compiled by the
// same internal/ compilers the local runtime uses. Every list is sorted
// by ref (timers by ID), so synthesis is deterministic.
type Packs struct {
	// Dir is the directory the packs were loaded from.
	Dir       string
	Rules     []Rule
	Workflows []Workflow
	Timers    []Timer
	Sensors   []Sensor
	// Warnings name what the stack leaves out (backstop rules, built-in
	// sensors).
	Warnings []string
}

// Rule is one enabled rule compiled to its EventBridge pattern.
type Rule struct {
	Ref         string
	TriggerType string
	// Pattern is rule.Compile's pattern, decoded from its JSON (numbers as
	// float64, as CloudFormation templates hold them).
	Pattern map[string]any
	// DefaultBus is true for aws.events rules: their events are AWS
	// service events on the account's default bus.
	DefaultBus bool
}

// Workflow is one orquesta or action-chain action compiled to ASL.
type Workflow struct {
	Ref string
	// Name is the state machine name (workflow.StateMachineName).
	Name string
	// ASL carries ${RunnerFunctionArn}, ${Region} and ${AccountId}.
	ASL string
}

// Timer is one timer trigger the rules declare, shared by every rule
// with the same type and parameters (as in StackStorm).
type Timer struct {
	ID          string
	TriggerType string
	Parameters  map[string]any
	Schedule    schedule.Schedule
	Rules       []string
}

// Sensor is one command sensor, polled by the sensor function on a
// schedule.
type Sensor struct {
	Ref string
	// Every is its poll interval as a Scheduler rate (at least a minute).
	Every string
}

// defaultPollInterval is StackStorm's poll interval of polling sensors
// that declare none (seconds).
const defaultPollInterval = 60

// addSensors adds every enabled command sensor, sorted by ref. Built-in
// Go sensors (no entry point, such as linux's file watch) watch the
// machine they run on and stay local.
func (p *Packs) addSensors(set *pack.Set) {
	for _, pk := range set.Packs() {
		for _, sn := range pk.Sensors {
			switch {
			case !sn.Enabled:
			case sn.EntryPoint == "":
				p.Warnings = append(p.Warnings, fmt.Sprintf("sensor %s: built-in sensors (%s) watch the local machine and are not deployed", sn.Ref, sn.ClassName))
			default:
				secs := sn.PollInterval
				if secs <= 0 {
					secs = defaultPollInterval
				}
				minutes := (secs + 59) / 60 // Scheduler's finest rate is a minute
				every, _ := schedule.Rate(time.Duration(minutes) * time.Minute)
				p.Sensors = append(p.Sensors, Sensor{Ref: sn.Ref, Every: every})
			}
		}
	}
	sort.Slice(p.Sensors, func(i, j int) bool { return p.Sensors[i].Ref < p.Sensors[j].Ref })
}

// LoadPacks loads and compiles the packs in dir (a pack, or a directory of
// packs). Invalid packs are an error listing every problem at its file
// and line; a rule, workflow or timer AWS cannot deploy is an error
// naming it.
func LoadPacks(dir string) (*Packs, error) {
	set, err := pack.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("loading packs from %s (run `stormless pack validate %s`): %w", dir, dir, err)
	}
	catalog, err := enforce.NewCatalog(set, nil, workflowOptions(set))
	if err != nil {
		return nil, fmt.Errorf("compiling packs from %s: %w", dir, err)
	}
	p := &Packs{Dir: dir}
	if err := p.addRules(set, catalog.Rules()); err != nil {
		return nil, err
	}
	for ref, a := range catalog.Actions() {
		if a.Workflow != nil {
			p.Workflows = append(p.Workflows, Workflow{Ref: ref, Name: workflow.StateMachineName(ref), ASL: string(a.Workflow)})
		}
	}
	sort.Slice(p.Workflows, func(i, j int) bool { return p.Workflows[i].Ref < p.Workflows[j].Ref })
	p.addSensors(set)
	return p, nil
}

// addRules adds the compiled rules (sorted) and the timers they declare.
func (p *Packs) addRules(set *pack.Set, compiled map[string]*rule.Compiled) error {
	refs := make([]string, 0, len(compiled))
	for ref := range compiled {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	timers := map[string]*Timer{}
	var errs []error
	for _, ref := range refs {
		c := compiled[ref]
		if r, ok := set.Rule(ref); ok && r.Type != nil && r.Type["ref"] == "backstop" {
			p.Warnings = append(p.Warnings, fmt.Sprintf("rule %s: backstop rules are not deployed (EventBridge cannot tell that no other rule matched)", ref))
			continue
		}
		pat, err := decodePattern(c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.Rules = append(p.Rules, Rule{Ref: ref, TriggerType: c.TriggerType, Pattern: pat, DefaultBus: c.TriggerType == rule.AWSEventsTrigger})
		if timer.IsTimer(c.TriggerType) {
			if err := p.addTimer(timers, ref, c); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, t := range timers {
		p.Timers = append(p.Timers, *t)
	}
	sort.Slice(p.Timers, func(i, j int) bool { return p.Timers[i].ID < p.Timers[j].ID })
	return nil
}

// decodePattern returns the rule's pattern as generic JSON.
func decodePattern(c *rule.Compiled) (map[string]any, error) {
	raw, err := c.PatternJSON()
	if err != nil {
		return nil, err
	}
	var pat map[string]any
	if err := json.Unmarshal(raw, &pat); err != nil {
		return nil, fmt.Errorf("decoding pattern of rule %s: %w", c.Rule, err)
	}
	return pat, nil
}

// now is the clock LoadPacks compares DateTimers with.
var now = time.Now

// addTimer adds the timer of rule ref, or the rule to the timer it
// shares. A DateTimer already past is left out with a warning, as the
// local runtime does not schedule one.
func (p *Packs) addTimer(timers map[string]*Timer, ref string, c *rule.Compiled) error {
	id, err := timer.ID(busTrigger(c))
	if err != nil {
		return fmt.Errorf("rule %s: %w", ref, err)
	}
	if t, ok := timers[id]; ok {
		t.Rules = append(t.Rules, ref)
		return nil
	}
	s, err := schedule.Of(c.TriggerType, c.TriggerParameters)
	if err != nil {
		return fmt.Errorf("rule %s: %w", ref, err)
	}
	if sched, err := timer.ParseSchedule(c.TriggerType, c.TriggerParameters, now(), time.UTC); err == nil {
		if d, ok := sched.(timer.Date); ok && !d.At.After(now()) {
			p.Warnings = append(p.Warnings, fmt.Sprintf("rule %s: its DateTimer (%v) is past and is not scheduled", ref, d.At.UTC()))
			return nil
		}
	}
	timers[id] = &Timer{ID: id, TriggerType: c.TriggerType, Parameters: c.TriggerParameters, Schedule: s, Rules: []string{ref}}
	return nil
}

// busTrigger is the trigger of a compiled rule as the bus carries it.
func busTrigger(c *rule.Compiled) bus.Trigger {
	return bus.Trigger{Type: c.TriggerType, Parameters: c.TriggerParameters}
}
