package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/workflow"
	"github.com/stormless/stormless/statemachines"
)

// What the definition substitutions stand for in these tests, as if
// deployed to this region and account.
const (
	testRegion  = "eu-west-1"
	testAccount = "123456789012"
)

func testFunctionARN(name string) string {
	return "arn:aws:lambda:" + testRegion + ":" + testAccount + ":function:" + name
}

// TestRulePatterns checks that every enabled rule of packs/ (and of the
// test pack) is an AWS::Events::Rule whose EventPattern deep-equals what
// rule.Compile (`stormless rule compile`) prints, on the right bus,
// targeting the enforcement machine with the rule ref and the event.
func TestRulePatterns(t *testing.T) {
	for _, dir := range []string{examplePacks, testPacks} {
		s := synth(t, dir)
		set, err := pack.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		enforceID, _ := s.one(t, "AWS::StepFunctions::StateMachine", "StateMachineName", EnforceStateMachineName)
		deployed := 0
		for _, r := range set.Rules() {
			t.Run(r.Ref, func(t *testing.T) {
				matches := 0
				var props map[string]any
				for _, p := range s.resources("AWS::Events::Rule") {
					if p["Description"] == RuleDescription(r.Ref) {
						matches, props = matches+1, p
					}
				}
				if !r.Enabled || r.Type != nil && r.Type["ref"] == "backstop" {
					if matches != 0 {
						t.Errorf("got %d rules for %s, want none (disabled or backstop)", matches, r.Ref)
					}
					return
				}
				deployed++
				if matches != 1 {
					t.Fatalf("got %d AWS::Events::Rule for %s, want 1", matches, r.Ref)
				}
				c, err := rule.Compile(r)
				if err != nil {
					t.Fatal(err)
				}
				want, err := c.PatternJSON()
				if err != nil {
					t.Fatal(err)
				}
				if got := canonical(props["EventPattern"]); got != canonical(json.RawMessage(want)) {
					t.Errorf("EventPattern of %s:\n got %s\nwant %s", r.Ref, got, want)
				}
				_, onBus := props["EventBusName"]
				if wantBus := r.Trigger.Type != rule.AWSEventsTrigger; onBus != wantBus {
					t.Errorf("rule %s on the Stormless bus: got %v, want %v", r.Ref, onBus, wantBus)
				}
				if props["Name"] != RuleName(r.Ref) {
					t.Errorf("rule name %v, want %s", props["Name"], RuleName(r.Ref))
				}
				checkEnforceTarget(t, props, enforceID, r.Ref)
			})
		}
		if got := len(s.resources("AWS::Events::Rule")); got != deployed+1 {
			t.Errorf("%s: got %d AWS::Events::Rule, want %d (one per deployed rule and the recorder's)", dir, got, deployed+1)
		}
	}
}

func checkEnforceTarget(t *testing.T, props map[string]any, enforceID, ref string) {
	t.Helper()
	targets, _ := props["Targets"].([]any)
	if len(targets) != 1 {
		t.Fatalf("got %d targets, want 1", len(targets))
	}
	tg, _ := targets[0].(map[string]any)
	if !jsonEqual(tg["Arn"], map[string]any{"Ref": enforceID}) {
		t.Errorf("target %v, want the enforcement machine %s", tg["Arn"], enforceID)
	}
	tr, _ := tg["InputTransformer"].(map[string]any)
	tmpl, _ := tr["InputTemplate"].(string)
	// EventBridge replaces the placeholder with the whole event.
	filled := strings.Replace(tmpl, "<aws.events.event.json>", `{"id": "e1"}`, 1)
	var input struct {
		Rule  string         `json:"rule"`
		Event map[string]any `json:"event"`
	}
	if err := json.Unmarshal([]byte(filled), &input); err != nil || input.Rule != ref || input.Event["id"] != "e1" {
		t.Errorf("input template %q gives %+v (%v), want {rule: %s, event}", tmpl, input, err, ref)
	}
	if !jsonEqual(tg["RetryPolicy"], map[string]any{"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400}) {
		t.Errorf("retry policy %v", tg["RetryPolicy"])
	}
	if dlq, _ := tg["DeadLetterConfig"].(map[string]any); dlq["Arn"] == nil {
		t.Errorf("no dead-letter queue on the target of %s", ref)
	}
}

// machineDefinition returns the definition of the machine named name
// with its substitutions resolved as CloudFormation would in testRegion
// and testAccount.
func machineDefinition(t *testing.T, s *synthesized, name string) string {
	t.Helper()
	_, props := s.one(t, "AWS::StepFunctions::StateMachine", "StateMachineName", name)
	def, ok := props["DefinitionString"].(string)
	if !ok {
		t.Fatalf("machine %s: DefinitionString is %T, want a plain string", name, props["DefinitionString"])
	}
	subs, _ := props["DefinitionSubstitutions"].(map[string]any)
	values := map[string]string{}
	for key, v := range subs {
		if v == "${"+key+"}" { // a literal kept as written (keepLiterals)
			values[key] = v.(string)
			continue
		}
		values[key] = resolve(t, s, v)
	}
	return regexp.MustCompile(`\$\{([A-Za-z0-9_]+)\}`).ReplaceAllStringFunc(def, func(m string) string {
		v, ok := values[m[2:len(m)-1]]
		if !ok {
			t.Errorf("machine %s: %s has no substitution", name, m)
		}
		return v
	})
}

// resolve evaluates the intrinsic functions definition substitutions use.
func resolve(t *testing.T, s *synthesized, v any) string {
	t.Helper()
	switch {
	case jsonEqual(v, map[string]any{"Ref": "AWS::Region"}):
		return testRegion
	case jsonEqual(v, map[string]any{"Ref": "AWS::AccountId"}):
		return testAccount
	}
	for _, name := range FunctionNames {
		if jsonEqual(v, map[string]any{"Fn::GetAtt": []any{s.functionID(t, name), "Arn"}}) {
			return testFunctionARN(name)
		}
	}
	t.Fatalf("cannot resolve substitution %v", v)
	return ""
}

// TestWorkflowMachines checks that every workflow action has a state
// machine whose definition, after substitutions, is byte for byte what
// `stormless workflow compile --runner-function ARN --region R --account A`
// prints for it.
func TestWorkflowMachines(t *testing.T) {
	for _, dir := range []string{examplePacks, testPacks} {
		s := synth(t, dir)
		set, err := pack.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		isWorkflow := func(ref string) bool {
			a, ok := set.Action(ref)
			rn, _ := set.Runner(a.RunnerType)
			return ok && rn != nil && rn.IsWorkflow()
		}
		opts := workflow.PackOptions(set, testFunctionARN("runner"), func(ref string) string {
			return workflow.StateMachineARN(testRegion, testAccount, ref)
		})
		n := 0
		for _, a := range set.Actions() {
			if !isWorkflow(a.Ref) {
				continue
			}
			n++
			t.Run(a.Ref, func(t *testing.T) {
				data, err := os.ReadFile(a.EntryPath)
				if err != nil {
					t.Fatal(err)
				}
				def, err := workflow.Parse(a.EntryPath, data)
				if err != nil {
					t.Fatal(err)
				}
				var want []byte
				if def.Chain != nil {
					want, err = workflow.CompileChain(def.Chain, opts)
				} else {
					want, err = workflow.Compile(def.Orquesta, opts)
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := machineDefinition(t, s, workflow.StateMachineName(a.Ref)); got != string(want) {
					t.Errorf("definition of %s differs from workflow compile:\n got %s\nwant %s", a.Ref, got, want)
				}
			})
		}
		if got := len(s.resources("AWS::StepFunctions::StateMachine")); got != n+1 {
			t.Errorf("%s: got %d state machines, want %d (the workflows and the enforcement machine)", dir, got, n+1)
		}
	}
}

// TestEnforceMachine checks that the enforcement machine is
// statemachines/enforce.asl.json as written, its functions substituted.
func TestEnforceMachine(t *testing.T) {
	s := synth(t, examplePacks)
	_, props := s.one(t, "AWS::StepFunctions::StateMachine", "StateMachineName", EnforceStateMachineName)
	raw, err := statemachines.Definition(statemachines.Enforce)
	if err != nil {
		t.Fatal(err)
	}
	if props["DefinitionString"] != string(raw) {
		t.Errorf("the enforcement machine's DefinitionString is not statemachines/%s as written", statemachines.Enforce)
	}
	want, err := statemachines.Render(statemachines.Enforce, map[string]string{
		statemachines.EnforcerFunctionARN: testFunctionARN("enforcer"),
		statemachines.RunnerFunctionARN:   testFunctionARN("runner"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := machineDefinition(t, s, EnforceStateMachineName); got != string(want) {
		t.Errorf("enforcement machine after substitutions:\n got %s\nwant %s", got, want)
	}
}

// TestMachinesPassASLValidator runs asl-validator over every state
// machine of the synthesized templates, substitutions resolved.
func TestMachinesPassASLValidator(t *testing.T) {
	bin := aslValidator(t)
	tmp := t.TempDir()
	args := []string{"--silent"}
	for _, dir := range []string{examplePacks, testPacks} {
		s := synth(t, dir)
		for _, props := range s.resources("AWS::StepFunctions::StateMachine") {
			name, _ := props["StateMachineName"].(string)
			p := filepath.Join(tmp, filepath.Base(dir)+"-"+name+".asl.json")
			if err := os.WriteFile(p, []byte(machineDefinition(t, s, name)), 0o600); err != nil {
				t.Fatal(err)
			}
			args = append(args, "--json-path", p)
		}
	}
	if len(args) < 5 {
		t.Fatalf("got %d machines, want at least 2", (len(args)-1)/2)
	}
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("asl-validator rejected a synthesized state machine: %v\n%s", err, out)
	}
}

// aslValidator returns the project-local asl-validator (make tools).
func aslValidator(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: make test needs Node 20 for asl-validator (see README)")
	}
	bin, _ := filepath.Abs(filepath.Join("..", ".tools", "node_modules", ".bin", "asl-validator"))
	if _, err := os.Stat(bin); err != nil {
		t.Fatal(".tools/node_modules/.bin/asl-validator is missing: run make tools (make test does)")
	}
	return bin
}

// TestSchedules checks one EventBridge Scheduler schedule per distinct
// timer, putting the timer's trigger instance on the Stormless bus.
func TestSchedules(t *testing.T) {
	s := synth(t, testPacks)
	want := map[string]string{ // description -> expression
		`Stormless timer core.st2.CronTimer{"day_of_week":"0-4","hour":9,"minute":30,"timezone":"Europe/Paris"}`: "cron(30 9 ? * MON-FRI *)",
		`Stormless timer core.st2.DateTimer{"date":"2030-01-01 00:00:00","timezone":"Asia/Tokyo"}`:               "at(2029-12-31T15:00:00)",
		`Stormless timer core.st2.IntervalTimer{"delta":1,"unit":"hours"}`:                                       "rate(1 hour)",
	}
	timers := 0
	for _, p := range s.resources("AWS::Scheduler::Schedule") {
		if d, _ := p["Description"].(string); strings.HasPrefix(d, "Stormless timer ") {
			timers++
		}
	}
	if timers != len(want) {
		t.Errorf("got %d timer schedules, want %d (hourly_a and hourly_b share one)", timers, len(want))
	}
	busID := sortedKeys(s.resources("AWS::Events::EventBus"))[0]
	for desc, expr := range want {
		_, props := s.one(t, "AWS::Scheduler::Schedule", "Description", desc)
		if props["ScheduleExpression"] != expr {
			t.Errorf("%s: got expression %v, want %s", desc, props["ScheduleExpression"], expr)
		}
		target, _ := props["Target"].(map[string]any)
		if !jsonEqual(target["Arn"], map[string]any{"Fn::GetAtt": []any{busID, "Arn"}}) {
			t.Errorf("%s: target %v, want the bus", desc, target["Arn"])
		}
		input, _ := target["Input"].(string)
		var detail struct {
			Trigger struct {
				Type       string         `json:"type"`
				Parameters map[string]any `json:"parameters"`
			} `json:"trigger"`
			Payload map[string]any `json:"payload"`
			ID      string         `json:"id"`
		}
		if err := json.Unmarshal([]byte(input), &detail); err != nil {
			t.Fatalf("%s: input %q: %v", desc, input, err)
		}
		if detail.Payload["executed_at"] != "<aws.scheduler.scheduled-time>" || detail.ID != "<aws.scheduler.execution-id>" {
			t.Errorf("%s: input %s, want Scheduler's scheduled time and execution id", desc, input)
		}
		if !strings.Contains(desc, detail.Trigger.Type) {
			t.Errorf("%s: trigger type %s", desc, detail.Trigger.Type)
		}
	}
}

// TestResources checks the audit table, functions, logs, queue, alarms,
// API and outputs.
func TestResources(t *testing.T) {
	s := synth(t, examplePacks)
	t.Run("table", func(t *testing.T) { checkTable(t, s) })
	t.Run("functions", func(t *testing.T) { checkFunctions(t, s) })
	t.Run("logs", func(t *testing.T) {
		for id, p := range s.resources("AWS::Logs::LogGroup") {
			if p["RetentionInDays"] != float64(30) {
				t.Errorf("log group %s: retention %v, want 30 days", id, p["RetentionInDays"])
			}
		}
		for id, p := range s.resources("AWS::StepFunctions::StateMachine") {
			lc, _ := p["LoggingConfiguration"].(map[string]any)
			if lc["Level"] != "ALL" || lc["IncludeExecutionData"] != false {
				t.Errorf("machine %s logging %v, want ALL without execution data", id, lc)
			}
			dest := canonical(lc["Destinations"])
			name, _ := p["StateMachineName"].(string)
			logID, logGroup := s.one(t, "AWS::Logs::LogGroup", "LogGroupName", "/aws/vendedlogs/states/"+name)
			if logGroup == nil || !strings.Contains(dest, logID) {
				t.Errorf("machine %s logs to %s, want its /aws/vendedlogs/states/ log group", id, dest)
			}
			if !jsonEqual(p["TracingConfiguration"], map[string]any{"Enabled": true}) {
				t.Errorf("machine %s: tracing %v", id, p["TracingConfiguration"])
			}
		}
	})
	t.Run("queue", func(t *testing.T) {
		for id, p := range s.resources("AWS::SQS::Queue") {
			if p["SqsManagedSseEnabled"] != true {
				t.Errorf("queue %s is not encrypted: %v", id, p)
			}
		}
	})
	t.Run("alarms", func(t *testing.T) {
		metrics := map[string]int{}
		for _, p := range s.resources("AWS::CloudWatch::Alarm") {
			metrics[p["MetricName"].(string)]++
		}
		machines := len(s.resources("AWS::StepFunctions::StateMachine"))
		if metrics["ApproximateNumberOfMessagesVisible"] != 1 || metrics["ExecutionsFailed"] != machines {
			t.Errorf("alarms on %v, want one on the dead-letter queue and one per state machine (%d)", metrics, machines)
		}
	})
	t.Run("api", func(t *testing.T) { checkAPI(t, s) })
	t.Run("outputs", func(t *testing.T) {
		outs, _ := s.template["Outputs"].(map[string]any)
		for _, name := range []string{OutputAPIURL, OutputWebhookURL, OutputBusName, OutputTableName} {
			if _, ok := outs[name]; !ok {
				t.Errorf("no output %s (have %v)", name, sortedKeys(outs))
			}
		}
	})
}

func checkTable(t *testing.T, s *synthesized) {
	tables := s.resources("AWS::DynamoDB::Table")
	if len(tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(tables))
	}
	d := dynamostore.Design
	for _, p := range tables {
		key := func(pk, sk string) []any {
			return []any{map[string]any{"AttributeName": pk, "KeyType": "HASH"}, map[string]any{"AttributeName": sk, "KeyType": "RANGE"}}
		}
		if !jsonEqual(p["KeySchema"], key(d.PartitionKey, d.SortKey)) {
			t.Errorf("key schema %v", p["KeySchema"])
		}
		gsis, _ := p["GlobalSecondaryIndexes"].([]any)
		if len(gsis) != len(d.GSIs) {
			t.Fatalf("got %d GSIs, want %d", len(gsis), len(d.GSIs))
		}
		for i, g := range d.GSIs {
			want := map[string]any{"IndexName": g.Name, "KeySchema": key(g.PartitionKey, g.SortKey), "Projection": map[string]any{"ProjectionType": "ALL"}}
			if !jsonEqual(gsis[i], want) {
				t.Errorf("GSI %d: got %v, want %v", i, gsis[i], want)
			}
		}
		if !jsonEqual(p["TimeToLiveSpecification"], map[string]any{"AttributeName": d.TTLAttribute, "Enabled": true}) {
			t.Errorf("TTL %v", p["TimeToLiveSpecification"])
		}
		if p["BillingMode"] != "PAY_PER_REQUEST" {
			t.Errorf("billing %v", p["BillingMode"])
		}
	}
}

func checkFunctions(t *testing.T, s *synthesized) {
	fns := s.resources("AWS::Lambda::Function")
	if len(fns) != len(FunctionNames)+1 { // and the Python runner (python_test.go)
		t.Errorf("got %d functions, want %d", len(fns), len(FunctionNames)+1)
	}
	for _, name := range FunctionNames {
		p := fns[s.functionID(t, name)]
		if p["Runtime"] != "provided.al2023" || !jsonEqual(p["Architectures"], []string{"arm64"}) || p["Handler"] != "bootstrap" {
			t.Errorf("%s: runtime %v %v %v, want provided.al2023 arm64 bootstrap", name, p["Runtime"], p["Architectures"], p["Handler"])
		}
		if !jsonEqual(p["TracingConfig"], map[string]any{"Mode": "Active"}) {
			t.Errorf("%s: tracing %v", name, p["TracingConfig"])
		}
		env, _ := p["Environment"].(map[string]any)
		vars, _ := env["Variables"].(map[string]any)
		for _, k := range []string{EnvTable, EnvEventBus, EnvPacks, EnvAccountID, EnvKVPrefix} {
			if _, ok := vars[k]; !ok {
				t.Errorf("%s: no %s in %v", name, k, sortedKeys(vars))
			}
		}
		if layers, _ := p["Layers"].([]any); len(layers) != 1 {
			t.Errorf("%s: layers %v, want the packs layer", name, p["Layers"])
		}
	}
}

func checkAPI(t *testing.T, s *synthesized) {
	authID := sortedKeys(s.resources("AWS::ApiGatewayV2::Authorizer"))
	if len(authID) != 1 {
		t.Fatalf("got authorizers %v, want 1", authID)
	}
	_, auth := s.one(t, "AWS::ApiGatewayV2::Authorizer", "AuthorizerType", "REQUEST")
	// internal/lambdafn's authorizer answers simple responses to 2.0 payloads.
	if auth["AuthorizerPayloadFormatVersion"] != "2.0" || auth["EnableSimpleResponses"] != true || auth["AuthorizerResultTtlInSeconds"] != float64(0) {
		t.Errorf("authorizer %v, want payload 2.0, simple responses, no caching", auth)
	}
	if uri := canonical(auth["AuthorizerUri"]); !strings.Contains(uri, s.functionID(t, "authorizer")) {
		t.Errorf("authorizer %s does not call the authorizer function", uri)
	}
	routes := map[string]map[string]any{}
	for _, p := range s.resources("AWS::ApiGatewayV2::Route") {
		routes[p["RouteKey"].(string)] = p
	}
	for key, fn := range map[string]string{"ANY " + APIRoute: "api", "POST " + WebhookRoute: "webhook"} {
		r, ok := routes[key]
		if !ok {
			t.Errorf("no route %s (have %v)", key, sortedKeys(routes))
			continue
		}
		if r["AuthorizationType"] != "CUSTOM" || !jsonEqual(r["AuthorizerId"], map[string]any{"Ref": authID[0]}) {
			t.Errorf("route %s is not behind the API key authorizer: %v", key, r)
		}
		target := canonical(r["Target"])
		found := false
		for id, integ := range s.resources("AWS::ApiGatewayV2::Integration") {
			if strings.Contains(target, id) && strings.Contains(canonical(integ["IntegrationUri"]), s.functionID(t, fn)) {
				found = true
				if integ["PayloadFormatVersion"] != "2.0" { // apigw.Handler takes APIGatewayV2HTTPRequest
					t.Errorf("route %s: payload format %v, want 2.0", key, integ["PayloadFormatVersion"])
				}
			}
		}
		if !found {
			t.Errorf("route %s does not integrate the %s function", key, fn)
		}
	}
	if len(routes) != 2 {
		t.Errorf("got routes %v, want 2", sortedKeys(routes))
	}
	for _, st := range s.resources("AWS::ApiGatewayV2::Stage") {
		if st["AccessLogSettings"] == nil {
			t.Errorf("stage %v has no access log", st["StageName"])
		}
	}
}

// TestCDKNag checks that cdk-nag's AwsSolutions rules leave no
// unsuppressed error (or warning), and that every suppression carries a
// reason.
func TestCDKNag(t *testing.T) {
	for _, dir := range []string{examplePacks, testPacks} {
		s := synth(t, dir)
		for _, e := range s.errors {
			t.Errorf("%s: error annotation: %s", dir, e)
		}
		for _, w := range s.warnings {
			t.Errorf("%s: warning annotation: %s", dir, w)
		}
		res, _ := s.template["Resources"].(map[string]any)
		n := 0
		for id, r := range res {
			md, _ := r.(map[string]any)["Metadata"].(map[string]any)
			nag, _ := md["cdk_nag"].(map[string]any)
			rules, _ := nag["rules_to_suppress"].([]any)
			for _, x := range rules {
				n++
				sup, _ := x.(map[string]any)
				if reason, _ := sup["reason"].(string); len(reason) < 20 {
					t.Errorf("%s: suppression %v on %s has no real reason", dir, sup["id"], id)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no cdk-nag suppression metadata found; is cdk-nag wired?", dir)
		}
	}
}

func TestRuleName(t *testing.T) {
	if got := RuleName("examples.greet_on_webhook"); got != "stormless-examples.greet_on_webhook" {
		t.Errorf("got %s", got)
	}
	long1, long2 := RuleName(strings.Repeat("a", 60)+".x"), RuleName(strings.Repeat("a", 60)+".y")
	if len(long1) != 64 || long1 == long2 || !strings.HasPrefix(long1, "stormless-") {
		t.Errorf("long refs: got %s and %s, want distinct 64-character names", long1, long2)
	}
}

// TestRecorderRule checks the recorder receives the status changes of
// every Stormless machine.
func TestRecorderRule(t *testing.T) {
	s := synth(t, examplePacks)
	_, props := s.one(t, "AWS::Events::Rule", "Description", "Stormless: Step Functions execution status changes to the recorder")
	pat := canonical(props["EventPattern"])
	for _, want := range []string{`"source":["aws.states"]`, `"detail-type":["Step Functions Execution Status Change"]`, `stateMachine:stormless-`, `"prefix"`} {
		if !strings.Contains(pat, want) {
			t.Errorf("recorder pattern %s lacks %s", pat, want)
		}
	}
	if !strings.Contains(canonical(props["Targets"]), s.functionID(t, "recorder")) {
		t.Errorf("recorder rule targets %v", props["Targets"])
	}
}

// TestLiteralPlaceholdersKept checks that a ${NAME} a user wrote in a
// workflow is substituted by itself, so CloudFormation neither fails nor
// changes it.
func TestLiteralPlaceholdersKept(t *testing.T) {
	s := synth(t, testPacks)
	_, props := s.one(t, "AWS::StepFunctions::StateMachine", "StateMachineName", "stormless-infratest-inner")
	subs, _ := props["DefinitionSubstitutions"].(map[string]any)
	if subs["HOME"] != "${HOME}" {
		t.Errorf("substitutions %v, want HOME kept as ${HOME}", subs)
	}
	if def := machineDefinition(t, s, "stormless-infratest-inner"); !strings.Contains(def, "from ${HOME}") {
		t.Errorf("definition lost the literal: %s", def)
	}
}

// TestCDKNagReportsViolations proves the checks AddNagChecks wires fail a
// synth: a queue without TLS enforcement is an unsuppressed error.
func TestCDKNagReportsViolations(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
	awssqs.NewQueue(stack, jsii.String("Plain"), &awssqs.QueueProps{Encryption: awssqs.QueueEncryption_SQS_MANAGED})
	AddNagChecks(app)
	assertions.Template_FromStack(stack, nil)
	errs := assertions.Annotations_FromStack(stack).FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-SQS4.*")))
	if len(*errs) == 0 {
		t.Error("cdk-nag did not report AwsSolutions-SQS4 for a queue without enforceSSL")
	}
}

// TestLogicalIDsStable checks that adding a rule leaves the logical ids
// of every other rule, machine and schedule as they were: CloudFormation
// would otherwise replace them, and named resources cannot be replaced.
func TestLogicalIDsStable(t *testing.T) {
	before := synth(t, testPacks)
	dir := filepath.Join(t.TempDir(), "infratest")
	if err := os.CopyFS(dir, os.DirFS(testPacks)); err != nil {
		t.Fatal(err)
	}
	rule := "---\nname: aaa_first\npack: infratest\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: first\naction:\n  ref: infratest.say\n"
	if err := os.WriteFile(filepath.Join(dir, "rules", "aaa_first.yaml"), []byte(rule), 0o600); err != nil {
		t.Fatal(err)
	}
	after := synth(t, dir)
	ids := func(s *synthesized, typ, key string) map[string]string {
		out := map[string]string{}
		for id, p := range s.resources(typ) {
			if k, ok := p[key].(string); ok {
				out[k] = id
			}
		}
		return out
	}
	for _, c := range []struct{ typ, key string }{
		{"AWS::Events::Rule", "Description"},
		{"AWS::StepFunctions::StateMachine", "StateMachineName"},
		{"AWS::Scheduler::Schedule", "Description"},
		{"AWS::Lambda::Function", "Description"},
	} {
		b, a := ids(before, c.typ, c.key), ids(after, c.typ, c.key)
		for k, id := range b {
			if a[k] != id {
				t.Errorf("%s %q: logical id %s became %s after adding a rule", c.typ, k, id, a[k])
			}
		}
	}
	if _, ok := ids(after, "AWS::Events::Rule", "Description")[RuleDescription("infratest.aaa_first")]; !ok {
		t.Error("the added rule is not deployed")
	}
}

// TestAlarmEmail checks that with an AlarmEmail every alarm notifies an
// encrypted topic the address is subscribed to, cdk-nag still clean; and
// that without one there is no topic.
func TestAlarmEmail(t *testing.T) {
	if n := len(synth(t, examplePacks).resources("AWS::SNS::Topic")); n != 0 {
		t.Errorf("got %d topics without an AlarmEmail, want none", n)
	}
	s := synthWith(t, examplePacks, "ops@example.com")
	for _, e := range append(s.errors, s.warnings...) {
		t.Errorf("annotation: %s", e)
	}
	topicID, topic := s.one(t, "AWS::SNS::Topic", "DisplayName", "Stormless alarms")
	if topic["KmsMasterKeyId"] == nil {
		t.Error("the alarm topic is not encrypted")
	}
	_, sub := s.one(t, "AWS::SNS::Subscription", "Endpoint", "ops@example.com")
	if sub["Protocol"] != "email" || !jsonEqual(sub["TopicArn"], map[string]any{"Ref": topicID}) {
		t.Errorf("subscription %v", sub)
	}
	alarms := s.resources("AWS::CloudWatch::Alarm")
	for id, a := range alarms {
		if !jsonEqual(a["AlarmActions"], []any{map[string]any{"Ref": topicID}}) {
			t.Errorf("alarm %s actions %v, want the topic", id, a["AlarmActions"])
		}
	}
	if len(alarms) == 0 {
		t.Error("no alarms")
	}
	outs, _ := s.template["Outputs"].(map[string]any)
	if _, ok := outs[OutputAlarmTopic]; !ok {
		t.Errorf("no %s output", OutputAlarmTopic)
	}
}
