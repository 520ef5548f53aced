package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"
)

// Stack output names.
const (
	OutputAPIURL     = "ApiUrl"
	OutputWebhookURL = "WebhookUrl"
	OutputBusName    = "EventBusName"
	OutputTableName  = "TableName"
)

// addOutputs declares what the README's deploy steps read.
func (s *StormlessStack) addOutputs() {
	out := func(name, about string, v *string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(name), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(about)})
	}
	out(OutputAPIURL, "Base URL of the Stormless API: stormless --url (or STORMLESS_URL)", s.API.ApiEndpoint())
	out(OutputWebhookURL, "Webhook URL prefix: POST <WebhookUrl><url> fires core.st2.webhook rules with that url",
		jsii.String(*s.API.ApiEndpoint()+"/api/v1/webhooks/"))
	out(OutputBusName, "The Stormless event bus", s.Bus.EventBusName())
	out(OutputTableName, "The audit trail's DynamoDB table", s.Table.TableName())
}

// addAlarms raises an alarm when anything lands in the dead-letter queue
// and when an execution of any Stormless state machine fails.
func (s *StormlessStack) addAlarms() {
	alarm := func(id, about string, m awscloudwatch.IMetric) {
		awscloudwatch.NewAlarm(s.Stack, jsii.String(id), &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(about),
			Metric:             m,
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
	}
	alarm("DeadLetterAlarm", "Stormless: events or timer fires could not be delivered (see the dead-letter queue)",
		s.DLQ.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Maximum")}))
	failed := func(id, name string, m awsstepfunctions.StateMachine) {
		alarm(id, fmt.Sprintf("Stormless: executions of %s failed", name),
			m.MetricFailed(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Sum")}))
	}
	failed("EnforceFailedAlarm", EnforceStateMachineName, s.Enforce)
	for _, w := range s.props.Packs.Workflows {
		failed("WorkflowFailedAlarm-"+w.Ref, w.Name, s.Workflows[w.Ref])
	}
}
