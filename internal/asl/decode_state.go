package asl

import "fmt"

var commonFields = []string{"Type", "Comment", "QueryLanguage"}

func (d *decoder) state(name string, obj map[string]any, ptr string, machineLang QueryLanguage) *State {
	s := &State{Name: name, Pointer: ptr}
	s.Type = d.str(obj, "Type", ptr)
	if _, ok := stateFields[s.Type]; !ok {
		d.add(ptr+"/Type", CodeSchema, "unknown state type %q", s.Type)
		return s
	}
	s.QueryLanguage = d.language(obj, ptr, machineLang)
	d.checkFields(s, obj, ptr)
	s.Comment = d.str(obj, "Comment", ptr)
	s.Next = d.str(obj, "Next", ptr)
	s.End = d.boolean(obj, "End", ptr)
	s.Assign = d.object(obj, "Assign", ptr)
	d.io(s, obj, ptr)
	switch s.Type {
	case TypeTask:
		d.task(s, obj, ptr)
	case TypeChoice:
		d.choiceState(s, obj, ptr)
	case TypeWait:
		d.wait(s, obj, ptr)
	case TypeFail:
		d.fail(s, obj, ptr)
	case TypeParallel:
		d.parallel(s, obj, ptr)
	case TypeMap:
		d.mapState(s, obj, ptr)
	}
	if s.Type == TypeTask || s.Type == TypeParallel || s.Type == TypeMap {
		d.retriers(s, obj, ptr)
		d.catchers(s, obj, ptr)
	}
	return s
}

// checkFields reports unknown fields and fields of the other query language.
func (d *decoder) checkFields(s *State, obj map[string]any, ptr string) {
	for _, k := range sortedKeys(obj) {
		if contains(commonFields, k) {
			continue
		}
		known, only := fieldLanguage(s.Type, k)
		switch {
		case !known:
			d.add(ptr+"/"+pointerEscape(k), CodeSchema, "field %q is not supported by %s states", k, s.Type)
		case only != "" && only != s.QueryLanguage:
			d.add(ptr+"/"+k, CodeSchema, "field %q is not supported in %s states; it is a %s field", k, s.QueryLanguage, only)
		}
	}
}

func (d *decoder) io(s *State, obj map[string]any, ptr string) {
	s.InputPath = d.pathField(obj, "InputPath", ptr)
	s.OutputPath = d.pathField(obj, "OutputPath", ptr)
	s.ResultPath = d.pathField(obj, "ResultPath", ptr)
	s.Parameters, s.HasParameters = present(obj, "Parameters")
	s.ResultSelector, s.HasSelector = present(obj, "ResultSelector")
	s.Result, s.HasResult = present(obj, "Result")
	s.Arguments, s.HasArguments = present(obj, "Arguments")
	s.Output, s.HasOutput = present(obj, "Output")
}

func (d *decoder) task(s *State, obj map[string]any, ptr string) {
	s.Resource = d.str(obj, "Resource", ptr)
	if msg := resourceProblem(s.Resource); msg != "" {
		d.add(ptr+"/Resource", CodeSchema, "%s", msg)
	}
	if _, ok := obj["Resource"]; !ok {
		d.add(ptr+"/Resource", CodeSchema, "Resource is required")
	}
	s.TimeoutSeconds, _ = present(obj, "TimeoutSeconds")
	s.HeartbeatSeconds, _ = present(obj, "HeartbeatSeconds")
	s.TimeoutSecondsPath = d.str(obj, "TimeoutSecondsPath", ptr)
	s.HeartbeatSecondsPath = d.str(obj, "HeartbeatSecondsPath", ptr)
	s.Credentials, _ = present(obj, "Credentials")
	d.checkTimeouts(s, ptr)
}

// checkTimeouts checks the Task timeout fields: a value or a path, not both;
// positive integers; the heartbeat shorter than the timeout.
func (d *decoder) checkTimeouts(s *State, ptr string) {
	if s.TimeoutSeconds != nil && s.TimeoutSecondsPath != "" {
		d.add(ptr+"/TimeoutSecondsPath", CodeSchema, "TimeoutSeconds and TimeoutSecondsPath are mutually exclusive")
	}
	if s.HeartbeatSeconds != nil && s.HeartbeatSecondsPath != "" {
		d.add(ptr+"/HeartbeatSecondsPath", CodeSchema, "HeartbeatSeconds and HeartbeatSecondsPath are mutually exclusive")
	}
	t, tok := s.TimeoutSeconds.(float64)
	h, hok := s.HeartbeatSeconds.(float64)
	if tok && (t < 1 || t != float64(int64(t))) {
		d.add(ptr+"/TimeoutSeconds", CodeSchema, "TimeoutSeconds must be a positive integer")
	}
	if hok && (h < 1 || h != float64(int64(h))) {
		d.add(ptr+"/HeartbeatSeconds", CodeSchema, "HeartbeatSeconds must be a positive integer")
	}
	if tok && hok && h >= t {
		d.add(ptr+"/HeartbeatSeconds", CodeSchema, "HeartbeatSeconds must be smaller than TimeoutSeconds")
	}
}

func (d *decoder) wait(s *State, obj map[string]any, ptr string) {
	s.Seconds, _ = present(obj, "Seconds")
	s.Timestamp, _ = present(obj, "Timestamp")
	s.SecondsPath = d.str(obj, "SecondsPath", ptr)
	s.TimestampPath = d.str(obj, "TimestampPath", ptr)
	n := 0
	for _, k := range []string{"Seconds", "Timestamp", "SecondsPath", "TimestampPath"} {
		if _, ok := obj[k]; ok {
			n++
		}
	}
	if n != 1 {
		d.add(ptr, CodeSchema, "a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath")
	}
}

func (d *decoder) fail(s *State, obj map[string]any, ptr string) {
	s.Error, _ = present(obj, "Error")
	s.Cause, _ = present(obj, "Cause")
	s.ErrorPath = d.str(obj, "ErrorPath", ptr)
	s.CausePath = d.str(obj, "CausePath", ptr)
	if _, ok := obj["Error"]; ok && s.ErrorPath != "" {
		d.add(ptr+"/ErrorPath", CodeSchema, "Error and ErrorPath are mutually exclusive")
	}
	if _, ok := obj["Cause"]; ok && s.CausePath != "" {
		d.add(ptr+"/CausePath", CodeSchema, "Cause and CausePath are mutually exclusive")
	}
}

func (d *decoder) parallel(s *State, obj map[string]any, ptr string) {
	raw, ok := obj["Branches"].([]any)
	if !ok || len(raw) == 0 {
		d.add(ptr+"/Branches", CodeSchema, "Branches must be a non-empty array")
		return
	}
	for i, b := range raw {
		bptr := fmt.Sprintf("%s/Branches/%d", ptr, i)
		bobj, ok := b.(map[string]any)
		if !ok {
			d.add(bptr, CodeSchema, "branch must be an object")
			continue
		}
		s.Branches = append(s.Branches, d.machine(bobj, bptr, s.QueryLanguage, false))
	}
}

func (d *decoder) mapState(s *State, obj map[string]any, ptr string) {
	key := "ItemProcessor"
	if _, ok := obj["Iterator"]; ok {
		key = "Iterator"
	}
	if pobj := d.object(obj, key, ptr); pobj != nil {
		s.Processor = d.machine(pobj, ptr+"/"+key, s.QueryLanguage, false)
	} else {
		d.add(ptr+"/ItemProcessor", CodeSchema, "ItemProcessor is required")
	}
	s.ItemsPath = d.pathField(obj, "ItemsPath", ptr)
	s.Items, s.HasItems = present(obj, "Items")
	s.ItemSelector, s.HasItemSelector = present(obj, "ItemSelector")
	if s.HasParameters && !s.HasItemSelector {
		s.ItemSelector, s.HasItemSelector = s.Parameters, true
		s.Parameters, s.HasParameters = nil, false
	}
	s.ItemReader = d.object(obj, "ItemReader", ptr)
	s.ItemBatcher = d.object(obj, "ItemBatcher", ptr)
	s.ResultWriter = d.object(obj, "ResultWriter", ptr)
	s.MaxConcurrency, _ = present(obj, "MaxConcurrency")
	s.MaxConcurrencyPath = d.str(obj, "MaxConcurrencyPath", ptr)
	s.ToleratedFailurePercentage, _ = present(obj, "ToleratedFailurePercentage")
	s.ToleratedFailurePercentagePath = d.str(obj, "ToleratedFailurePercentagePath", ptr)
	s.ToleratedFailureCount, _ = present(obj, "ToleratedFailureCount")
	s.ToleratedFailureCountPath = d.str(obj, "ToleratedFailureCountPath", ptr)
	s.Label = d.str(obj, "Label", ptr)
	if raw, ok := obj["Label"].(string); ok {
		if msg := labelProblem(raw); msg != "" {
			d.add(ptr+"/Label", CodeSchema, "%s", msg)
		}
	}
}
