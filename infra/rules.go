package main

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/jsii-runtime-go"
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
	var arns []*string
	for i, r := range s.props.Packs.Rules {
		input, err := EnforceInput(r.Ref)
		if err != nil {
			return err
		}
		props := &awsevents.CfnRuleProps{
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
		rule := awsevents.NewCfnRule(s.Stack, jsii.String(fmt.Sprintf("Rule%d", i)), props)
		arns = append(arns, rule.AttrArn())
	}
	if len(arns) > 0 {
		s.allowDLQ("events.amazonaws.com", arns)
	}
	return nil
}

// allowDLQ lets a service send to the dead-letter queue on behalf of the
// given sources only.
func (s *StormlessStack) allowDLQ(service string, sources []*string) {
	s.DLQ.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(service), nil)},
		Actions:    jsii.Strings("sqs:SendMessage"),
		Resources:  jsii.Strings(*s.DLQ.QueueArn()),
		Conditions: &map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": sources}},
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
	for i, t := range s.props.Packs.Timers {
		ev, err := TimerEventOf(t)
		if err != nil {
			return err
		}
		awsscheduler.NewCfnSchedule(s.Stack, jsii.String(fmt.Sprintf("Timer%d", i)), &awsscheduler.CfnScheduleProps{
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
	for i, sn := range s.props.Packs.Sensors {
		input, _ := json.Marshal(map[string]any{"sensors": []string{sn.Ref}})
		awsscheduler.NewCfnSchedule(s.Stack, jsii.String(fmt.Sprintf("Sensor%d", i)), &awsscheduler.CfnScheduleProps{
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
	arns := []*string{s.Enforce.StateMachineArn()}
	for _, w := range s.props.Packs.Workflows {
		arns = append(arns, s.Workflows[w.Ref].StateMachineArn())
	}
	rule := awsevents.NewRule(s.Stack, jsii.String("RecorderRule"), &awsevents.RuleProps{
		Description: jsii.String("Stormless: Step Functions execution status changes to the recorder"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.states"),
			DetailType: jsii.Strings("Step Functions Execution Status Change"),
			Detail:     &map[string]any{"stateMachineArn": arns},
		},
	})
	rule.AddTarget(awseventstargets.NewLambdaFunction(s.Functions["recorder"], &awseventstargets.LambdaFunctionProps{
		DeadLetterQueue: s.DLQ,
		RetryAttempts:   jsii.Number(maxRetryAttempts),
		MaxEventAge:     awscdk.Duration_Seconds(jsii.Number(maxEventAge)),
	}))
}
