package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/jsii-runtime-go"
)

// API routes: the REST API and the webhooks (more specific, so API
// Gateway picks it for webhooks), both behind the API key authorizer.
const (
	APIRoute     = "/api/v1/{proxy+}"
	WebhookRoute = "/api/v1/webhooks/{url}"
)

// accessLogFormat is the HTTP API's access log line (JSON, no headers or
// query strings: they may carry API keys).
const accessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage","authorizerError":"$context.authorizer.error"}`

// addAPI declares the HTTP API: every route authorised by the authorizer
// function, which checks the St2-Api-Key header (or the st2-api-key query
// parameter) against the SHA-256 hashes in the table. It caches nothing
// and names no identity source, so either place of the key works.
func (s *StormlessStack) addAPI() {
	auth := awsapigatewayv2authorizers.NewHttpLambdaAuthorizer(jsii.String("ApiKeyAuthorizer"), s.Functions["authorizer"],
		&awsapigatewayv2authorizers.HttpLambdaAuthorizerProps{
			AuthorizerName:  jsii.String("stormless-api-key"),
			ResponseTypes:   &[]awsapigatewayv2authorizers.HttpLambdaResponseType{awsapigatewayv2authorizers.HttpLambdaResponseType_SIMPLE},
			IdentitySource:  &[]*string{},
			ResultsCacheTtl: awscdk.Duration_Seconds(jsii.Number(0)),
		})
	s.API = awsapigatewayv2.NewHttpApi(s.Stack, jsii.String("Api"), &awsapigatewayv2.HttpApiProps{
		ApiName:       awscdk.Aws_STACK_NAME(),
		Description:   jsii.String("Stormless REST API and webhooks"),
		CorsPreflight: s.cors(),
	})
	s.API.AddRoutes(&awsapigatewayv2.AddRoutesOptions{
		Path:        jsii.String(APIRoute),
		Methods:     s.apiMethods(),
		Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("ApiIntegration"), s.Functions["api"], nil),
		Authorizer:  auth,
	})
	s.API.AddRoutes(&awsapigatewayv2.AddRoutesOptions{
		Path:        jsii.String(WebhookRoute),
		Methods:     &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_POST},
		Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("WebhookIntegration"), s.Functions["webhook"], nil),
		Authorizer:  auth,
	})
	lg := s.logGroup("ApiAccess", "")
	stage := s.API.DefaultStage().Node().DefaultChild().(awsapigatewayv2.CfnStage)
	stage.SetAccessLogSettings(&awsapigatewayv2.CfnStage_AccessLogSettingsProperty{
		DestinationArn: lg.LogGroupArn(),
		Format:         jsii.String(accessLogFormat),
	})
}

// CORSMethods are the methods of the REST API a Web UI on another origin
// may call (the API serves no PATCH).
var CORSMethods = []awsapigatewayv2.CorsHttpMethod{
	awsapigatewayv2.CorsHttpMethod_GET, awsapigatewayv2.CorsHttpMethod_HEAD, awsapigatewayv2.CorsHttpMethod_POST,
	awsapigatewayv2.CorsHttpMethod_PUT, awsapigatewayv2.CorsHttpMethod_DELETE,
}

// cors is the HTTP API's CORS configuration for a Web UI served from
// props.UIOrigin (S3, CloudFront): that origin only, the methods above,
// the request headers the UI sends (St2-Api-Key, Content-Type) and the
// paging header it reads (X-Next-Marker); no credentials (the key is a
// header, not a cookie). None without a UI origin: browsers then refuse
// cross-origin calls.
func (s *StormlessStack) cors() *awsapigatewayv2.CorsPreflightOptions {
	if s.props.UIOrigin == "" {
		return nil
	}
	return &awsapigatewayv2.CorsPreflightOptions{
		AllowOrigins:  jsii.Strings(s.props.UIOrigin),
		AllowMethods:  &CORSMethods,
		AllowHeaders:  jsii.Strings("St2-Api-Key", "Content-Type"),
		ExposeHeaders: jsii.Strings("X-Next-Marker"),
		MaxAge:        awscdk.Duration_Hours(jsii.Number(1)),
	}
}

// apiMethods are the REST API route's methods: ANY, or with CORS the
// methods of CORSMethods, so that no route matches OPTIONS and API
// Gateway answers the preflight itself (an ANY route would send it to
// the authorizer, which refuses it: browsers send no key on a preflight).
func (s *StormlessStack) apiMethods() *[]awsapigatewayv2.HttpMethod {
	if s.props.UIOrigin == "" {
		return &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_ANY}
	}
	return &[]awsapigatewayv2.HttpMethod{
		awsapigatewayv2.HttpMethod_GET, awsapigatewayv2.HttpMethod_HEAD, awsapigatewayv2.HttpMethod_POST,
		awsapigatewayv2.HttpMethod_PUT, awsapigatewayv2.HttpMethod_DELETE,
	}
}
