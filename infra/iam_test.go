package main

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// roleActions returns, per function, the actions its role's policies
// allow, besides writing its own log group and X-Ray.
func roleActions(t *testing.T, s *synthesized) map[string][]string {
	t.Helper()
	roles := map[string]string{} // role logical id -> function name
	for id, p := range s.resources("AWS::IAM::Role") {
		d, _ := p["Description"].(string)
		if name, ok := strings.CutPrefix(d, "Stormless "); ok && strings.HasSuffix(name, " function") {
			roles[id] = strings.TrimSuffix(name, " function")
		}
	}
	out := map[string][]string{}
	for _, p := range s.resources("AWS::IAM::Policy") {
		for _, r := range p["Roles"].([]any) {
			name, ok := roles[r.(map[string]any)["Ref"].(string)]
			if !ok {
				continue
			}
			doc := p["PolicyDocument"].(map[string]any)
			for _, st := range doc["Statement"].([]any) {
				st := st.(map[string]any)
				if st["Effect"] != "Allow" {
					t.Errorf("%s: statement %v is not an Allow", name, st)
				}
				for _, a := range asList(st["Action"]) {
					if strings.HasPrefix(a, "xray:") || a == "logs:CreateLogStream" || a == "logs:PutLogEvents" {
						continue
					}
					out[name] = append(out[name], a)
				}
			}
		}
	}
	for name, acts := range out {
		sort.Strings(acts)
		out[name] = slices.Compact(acts)
	}
	return out
}

func asList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, e.(string))
		}
		return out
	}
	return nil
}

// TestFunctionPermissions pins each function's permissions (least
// privilege: nothing it does not call) and checks that no statement
// allows every action of a service.
func TestFunctionPermissions(t *testing.T) {
	s := synth(t, examplePacks)
	table := []string{"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"}
	kvRead := []string{"ssm:DescribeParameters", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"}
	kvWrite := []string{"ssm:DeleteParameter", "ssm:DeleteParameters", "ssm:PutParameter"}
	tokens := []string{"states:SendTaskFailure", "states:SendTaskSuccess"}
	tiWrites := []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
	join := func(parts ...[]string) []string {
		var out []string
		for _, p := range parts {
			out = append(out, p...)
		}
		sort.Strings(out)
		return out
	}
	want := map[string][]string{
		"api":        join(table, kvRead, kvWrite, tokens, []string{"events:PutEvents", "states:StartExecution", "states:StopExecution"}),
		"authorizer": {"dynamodb:GetItem"},
		"enforcer":   join(table, kvRead, tokens, []string{"events:PutEvents"}),
		"recorder":   table,
		"runner":     join(table, kvRead, kvWrite, tokens, []string{"events:PutEvents", "lambda:InvokeFunction"}), // the Python runner (python_test.go)
		"sensor":     join(tiWrites, []string{"events:PutEvents"}),
		"webhook":    join(tiWrites, kvRead, []string{"events:PutEvents"}),
	}
	got := roleActions(t, s)
	for _, name := range FunctionNames {
		if !slices.Equal(got[name], want[name]) {
			t.Errorf("%s may call\n %v\nwant\n %v", name, got[name], want[name])
		}
	}
	for id, p := range s.resources("AWS::IAM::Policy") {
		for _, st := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			for _, a := range asList(st.(map[string]any)["Action"]) {
				if a == "*" || strings.HasSuffix(a, ":*") {
					t.Errorf("policy %s allows %s", id, a)
				}
			}
		}
	}
}

// TestAuthorizerReadsOnlyTheKeys checks the authorizer's only data grant
// is GetItem on the table itself (no index, no other table).
func TestAuthorizerReadsOnlyTheKeys(t *testing.T) {
	s := synth(t, examplePacks)
	tableID := sortedKeys(s.resources("AWS::DynamoDB::Table"))[0]
	found := false
	for _, p := range s.resources("AWS::IAM::Policy") {
		for _, st := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			st := st.(map[string]any)
			if jsonEqual(st["Action"], "dynamodb:GetItem") {
				found = true
				if !jsonEqual(st["Resource"], map[string]any{"Fn::GetAtt": []any{tableID, "Arn"}}) {
					t.Errorf("GetItem on %v, want the table only", st["Resource"])
				}
			}
		}
	}
	if !found {
		t.Error("no statement grants dynamodb:GetItem alone (the authorizer's)")
	}
}

// TestTriggerInstanceWrites checks that the webhook and sensor functions
// may write trigger instance items (partition key TI#...) of the table
// and nothing else of it.
func TestTriggerInstanceWrites(t *testing.T) {
	s := synth(t, examplePacks)
	tableID := sortedKeys(s.resources("AWS::DynamoDB::Table"))[0]
	for _, name := range []string{"sensor", "webhook"} {
		role, _ := s.one(t, "AWS::IAM::Role", "Description", "Stormless "+name+" function")
		var found int
		for _, p := range s.resources("AWS::IAM::Policy") {
			if !jsonEqual(p["Roles"], []any{map[string]any{"Ref": role}}) {
				continue
			}
			for _, st := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
				st := st.(map[string]any)
				acts := asList(st["Action"])
				if len(acts) == 0 || !strings.HasPrefix(acts[0], "dynamodb:") {
					continue
				}
				found++
				if !jsonEqual(st["Resource"], map[string]any{"Fn::GetAtt": []any{tableID, "Arn"}}) {
					t.Errorf("%s: %v on %v, want the table only (no index)", name, acts, st["Resource"])
				}
				want := map[string]any{"ForAllValues:StringLike": map[string]any{"dynamodb:LeadingKeys": []any{"TI#*"}}}
				if !jsonEqual(st["Condition"], want) {
					t.Errorf("%s: condition %v, want %v (trigger instance items only)", name, st["Condition"], want)
				}
			}
		}
		if found != 1 {
			t.Errorf("%s: got %d table statements, want 1", name, found)
		}
	}
}

// TestSensorSchedules checks that a command sensor is polled by the
// sensor function on its interval, rounded up to whole minutes.
func TestSensorSchedules(t *testing.T) {
	s := synth(t, testPacks)
	_, props := s.one(t, "AWS::Scheduler::Schedule", "Description", "Stormless sensor infratest.queue_depth")
	if props["ScheduleExpression"] != "rate(2 minutes)" {
		t.Errorf("got %v, want rate(2 minutes) for a 90 s poll interval", props["ScheduleExpression"])
	}
	target, _ := props["Target"].(map[string]any)
	if !jsonEqual(target["Arn"], map[string]any{"Fn::GetAtt": []any{s.functionID(t, "sensor"), "Arn"}}) {
		t.Errorf("target %v, want the sensor function", target["Arn"])
	}
	if !jsonEqual(target["Input"], `{"sensors":["infratest.queue_depth"]}`) {
		t.Errorf("input %v", target["Input"])
	}
}
