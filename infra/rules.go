package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/jsii-runtime-go"

	"github.com/stormless/stormless/infra/schedule"
)

// Delivery retries of rules and schedules: EventBridge's maximum (185
// attempts over a day), then the dead-letter queue.
const (
	maxRetryAttempts = 185
	maxEventAge      = 24 * 60 * 60
)

// RuleDescription is the description of the EventBridge rule of a
// Stormless rule; tests and operators find rules by it.
func RuleDescription(ref string) string { return "Stormless rule " + ref }

// RuleName is the EventBridge rule name of a Stormless rule:
// "stormless-" and the ref, cut to EventBridge's 64 characters with a
// hash of the ref when longer. Fixed names keep the dead-letter queue's
// policy one pattern however many rules there are.
func RuleName(ref string) string {
	name := "stormless-" + ref
	if len(name) <= 64 {
		return name
	}
	sum := sha256.Sum256([]byte(ref))
	return name[:55] + "-" + hex.EncodeToString(sum[:4])
}

// shortHash names a construct after a long key (a timer's ID): construct
// ids follow what they declare, never list positions, so adding a rule
// or timer leaves the others' logical ids, and their resources, alone.
func shortHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:6])
}

// EnforceInput is the input template of a rule's target: the enforcement
// machine's input {"rule": ref, "event": the whole event}.
func EnforceInput(ref string) (string, error) {
	r, err := json.Marshal(ref)
	if err != nil {
		return "", fmt.Errorf("encoding rule ref %q: %w", ref, err)
	}
	return `{"rule": ` + string(r) + `, "event": <aws.events.event.json>}`, nil
}

// addRules declares one EventBridge rule per Stormless rule: the pattern
// rule.Compile made, on the Stormless bus (aws.events rules on the
// default bus), targeting the enforcement machine with the rule ref and
// the event, retried, then sent to the dead-letter queue.
func (s *StormlessStack) addRules() error {
	role := awsiam.NewRole(s.Stack, jsii.String("RulesRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil),
		Description: jsii.String("EventBridge rules starting the Stormless enforcement machine"),
	})
	s.Enforce.GrantStartExecution(role)
	for _, r := range s.props.Packs.Rules {
		input, err := EnforceInput(r.Ref)
		if err != nil {
			return err
		}
		props := &awsevents.CfnRuleProps{
			Name:         jsii.String(RuleName(r.Ref)),
			Description:  jsii.String(RuleDescription(r.Ref)),
			EventPattern: r.Pattern,
			State:        jsii.String("ENABLED"),
			Targets: &[]*awsevents.CfnRule_TargetProperty{{
				Id:               jsii.String("enforce"),
				Arn:              s.Enforce.StateMachineArn(),
				RoleArn:          role.RoleArn(),
				InputTransformer: &awsevents.CfnRule_InputTransformerProperty{InputTemplate: jsii.String(input)},
				RetryPolicy: &awsevents.CfnRule_RetryPolicyProperty{
					MaximumRetryAttempts:     jsii.Number(maxRetryAttempts),
					MaximumEventAgeInSeconds: jsii.Number(maxEventAge),
				},
				DeadLetterConfig: &awsevents.CfnRule_DeadLetterConfigProperty{Arn: s.DLQ.QueueArn()},
			}},
		}
		if !r.DefaultBus {
			props.EventBusName = s.Bus.EventBusName()
		}
		awsevents.NewCfnRule(s.Stack, jsii.String("Rule-"+r.Ref), props)
	}
	if len(s.props.Packs.Rules) > 0 {
		s.allowRulesDLQ()
	}
	return nil
}

// allowRulesDLQ lets EventBridge send to the dead-letter queue for the
// Stormless rules only (by name, on the Stormless and the default bus).
func (s *StormlessStack) allowRulesDLQ() {
	rules := func(name string) *string {
		return s.Stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("events"), Resource: jsii.String("rule"), ResourceName: jsii.String(name)})
	}
	s.DLQ.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil)},
		Actions:    jsii.Strings("sqs:SendMessage"),
		Resources:  jsii.Strings(*s.DLQ.QueueArn()),
		Conditions: &map[string]any{"ArnLike": map[string]any{"aws:SourceArn": []*string{
			rules("stormless-*"), rules(*s.Bus.EventBusName() + "/stormless-*"),
		}}},
	}))
}

// addSchedules declares one EventBridge Scheduler schedule per timer,
// putting the timer's trigger instance on the bus, where the rules of that
// timer match it.
func (s *StormlessStack) addSchedules() error {
	if len(s.props.Packs.Timers) == 0 && len(s.props.Packs.Sensors) == 0 {
		return nil
	}
	role := awsiam.NewRole(s.Stack, jsii.String("SchedulerRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
		}),
		Description: jsii.String("EventBridge Scheduler firing Stormless timers"),
	})
	s.Bus.GrantPutEventsTo(role, nil)
	s.DLQ.GrantSendMessages(role)
	s.addSensorSchedules(role)
	for _, t := range s.props.Packs.Timers {
		ev, err := schedule.EventOf(t.TriggerType, t.Parameters)
		if err != nil {
			return err
		}
		awsscheduler.NewCfnSchedule(s.Stack, jsii.String("Timer-"+shortHash(t.ID)), &awsscheduler.CfnScheduleProps{
			Description:                jsii.String(TimerDescription(t)),
			ScheduleExpression:         jsii.String(t.Schedule.Expression),
			ScheduleExpressionTimezone: jsii.String(t.Schedule.Timezone),
			FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
			State:                      jsii.String("ENABLED"),
			Target: &awsscheduler.CfnSchedule_TargetProperty{
				Arn:     s.Bus.EventBusArn(),
				RoleArn: role.RoleArn(),
				Input:   jsii.String(ev.Detail),
				EventBridgeParameters: &awsscheduler.CfnSchedule_EventBridgeParametersProperty{
					Source: jsii.String(ev.Source), DetailType: jsii.String(ev.DetailType),
				},
				RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{
					MaximumRetryAttempts:     jsii.Number(maxRetryAttempts),
					MaximumEventAgeInSeconds: jsii.Number(maxEventAge),
				},
				DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: s.DLQ.QueueArn()},
			},
		})
	}
	return nil
}

// addSensorSchedules invokes the sensor function for each command sensor
// every poll interval, with {"sensors": [ref]}.
func (s *StormlessStack) addSensorSchedules(role awsiam.Role) {
	fn := s.Functions["sensor"]
	if len(s.props.Packs.Sensors) > 0 {
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
		}))
	}
	for _, sn := range s.props.Packs.Sensors {
		input, _ := json.Marshal(map[string]any{"sensors": []string{sn.Ref}})
		awsscheduler.NewCfnSchedule(s.Stack, jsii.String("Sensor-"+sn.Ref), &awsscheduler.CfnScheduleProps{
			Description:        jsii.String("Stormless sensor " + sn.Ref),
			ScheduleExpression: jsii.String(sn.Every),
			FlexibleTimeWindow: &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
			State:              jsii.String("ENABLED"),
			Target: &awsscheduler.CfnSchedule_TargetProperty{
				Arn:     fn.FunctionArn(),
				RoleArn: role.RoleArn(),
				Input:   jsii.String(string(input)),
				// A missed poll is not worth retrying: the next one comes.
				RetryPolicy:      &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(0)},
				DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: s.DLQ.QueueArn()},
			},
		})
	}
}

// TimerDescription is the description of a timer's schedule (at most 512
// characters, as Scheduler allows).
func TimerDescription(t Timer) string {
	d := "Stormless timer " + t.ID
	if len(d) > 512 {
		d = d[:509] + "..."
	}
	return d
}

// addRecorderRule sends the status changes of every Stormless machine's
// executions (on the default bus) to the recorder function.
func (s *StormlessStack) addRecorderRule() {
	// A prefix, not a list: patterns are limited in size, workflows are not.
	prefix := s.Stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("states"), Resource: jsii.String("stateMachine"),
		ResourceName: jsii.String("stormless-"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	rule := awsevents.NewRule(s.Stack, jsii.String("RecorderRule"), &awsevents.RuleProps{
		Description: jsii.String("Stormless: Step Functions execution status changes to the recorder"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.states"),
			DetailType: jsii.Strings("Step Functions Execution Status Change"),
			Detail:     &map[string]any{"stateMachineArn": []any{map[string]any{"prefix": prefix}}},
		},
	})
	rule.AddTarget(awseventstargets.NewLambdaFunction(s.Functions["recorder"], &awseventstargets.LambdaFunctionProps{
		DeadLetterQueue: s.DLQ,
		RetryAttempts:   jsii.Number(maxRetryAttempts),
		MaxEventAge:     awscdk.Duration_Seconds(jsii.Number(maxEventAge)),
	}))
}
