package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
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
// and when an execution of any Stormless state machine fails; with an
// AlarmEmail, each alarm notifies it through an SNS topic.
func (s *StormlessStack) addAlarms() {
	topic := s.alarmTopic()
	alarm := func(id, about string, m awscloudwatch.IMetric) {
		a := awscloudwatch.NewAlarm(s.Stack, jsii.String(id), &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(about),
			Metric:             m,
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
		if topic != nil {
			a.AddAlarmAction(awscloudwatchactions.NewSnsAction(topic))
		}
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

// OutputAlarmTopic is the output naming the alarms' topic (with an
// AlarmEmail only).
const OutputAlarmTopic = "AlarmTopicArn"

// alarmTopic declares the topic alarms notify, encrypted with a key of its
// own (rotated) that CloudWatch may use, TLS only, with AlarmEmail
// subscribed; nil without an AlarmEmail.
func (s *StormlessStack) alarmTopic() awssns.Topic {
	if s.props.AlarmEmail == "" {
		return nil
	}
	key := awskms.NewKey(s.Stack, jsii.String("AlarmKey"), &awskms.KeyProps{
		Description:       jsii.String("Stormless alarm notifications"),
		EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy:     awscdk.RemovalPolicy_DESTROY,
	})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"), // a key policy's resource is the key itself
	}), nil)
	topic := awssns.NewTopic(s.Stack, jsii.String("AlarmTopic"), &awssns.TopicProps{
		DisplayName: jsii.String("Stormless alarms"),
		MasterKey:   key,
		EnforceSSL:  jsii.Bool(true),
	})
	topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(s.props.AlarmEmail), nil))
	awscdk.NewCfnOutput(s.Stack, jsii.String(OutputAlarmTopic), &awscdk.CfnOutputProps{
		Value: topic.TopicArn(), Description: jsii.String("The SNS topic every alarm notifies"),
	})
	return topic
}
