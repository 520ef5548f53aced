package lambdafn

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// AWS environment variables: the Lambda runtime sets the region and the
// function role's credentials; AWS_ENDPOINT_URL (optional) sends every
// call to another endpoint (LocalStack, the local AWS-compatible API).
const (
	envAccessKey   = "AWS_ACCESS_KEY_ID"
	envSecretKey   = "AWS_SECRET_ACCESS_KEY"
	envSessionTok  = "AWS_SESSION_TOKEN"
	envEndpointURL = "AWS_ENDPOINT_URL"
)

// AWSConfig returns the SDK configuration of a function from its
// environment: the region, the role's credentials from the variables the
// Lambda runtime sets, and the endpoint override. It is what
// config.LoadDefaultConfig resolves in Lambda, without linking the shared
// files, SSO and STS providers the functions never use (a smaller binary
// and a faster start).
func AWSConfig(getenv func(string) string) (aws.Config, error) {
	region := getenv(EnvRegion)
	if region == "" {
		return aws.Config{}, errors.New("loading the AWS configuration: AWS_REGION not set (the Lambda runtime sets it)")
	}
	cfg := aws.Config{Region: region}
	if ak, sk := getenv(envAccessKey), getenv(envSecretKey); ak != "" && sk != "" {
		creds := aws.Credentials{AccessKeyID: ak, SecretAccessKey: sk, SessionToken: getenv(envSessionTok), Source: "environment"}
		cfg.Credentials = aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return creds, nil
		}))
	} else {
		return aws.Config{}, errors.New("loading the AWS configuration: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set (the Lambda runtime sets them from the function's role)")
	}
	if u := getenv(envEndpointURL); u != "" {
		cfg.BaseEndpoint = aws.String(u)
	}
	return cfg, nil
}
