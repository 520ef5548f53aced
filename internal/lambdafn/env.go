package lambdafn

import (
	"fmt"
	"github.com/aws/aws-sdk-go-v2/aws"
	"os"
	"strings"
)

// Environment variables the functions read; infra/ sets them.
const (
	EnvTable          = "STORMLESS_TABLE"
	EnvEventBus       = "STORMLESS_EVENT_BUS"
	EnvPacks          = "STORMLESS_PACKS"
	EnvAccountID      = "STORMLESS_ACCOUNT_ID"
	EnvEnforceMachine = "STORMLESS_ENFORCE_STATE_MACHINE_ARN"
	EnvKVPrefix       = "STORMLESS_KV_PREFIX"
	// EnvRegion is set by the Lambda runtime.
	EnvRegion = "AWS_REGION"
)

// Env is a function's configuration.
type Env struct {
	Table, EventBus, Packs, AccountID, EnforceMachine, KVPrefix, Region string
	// Getenv reads the rest of the environment (AWS credentials).
	Getenv func(string) string
}

// EnvFrom reads the configuration through getenv (os.Getenv in main).
func EnvFrom(getenv func(string) string) Env {
	return Env{Table: getenv(EnvTable), EventBus: getenv(EnvEventBus), Packs: getenv(EnvPacks),
		AccountID: getenv(EnvAccountID), EnforceMachine: getenv(EnvEnforceMachine), KVPrefix: getenv(EnvKVPrefix),
		Region: getenv(EnvRegion), Getenv: getenv}
}

// FromOS reads the configuration from the process environment.
func FromOS() Env { return EnvFrom(os.Getenv) }

// Require fails naming every variable in names that is empty.
func (e Env) Require(names ...string) error {
	vals := map[string]string{EnvTable: e.Table, EnvEventBus: e.EventBus, EnvPacks: e.Packs, EnvAccountID: e.AccountID,
		EnvEnforceMachine: e.EnforceMachine, EnvKVPrefix: e.KVPrefix, EnvRegion: e.Region}
	var missing []string
	for _, n := range names {
		if vals[n] == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("reading configuration: %s not set (the stack sets them on every function)", strings.Join(missing, ", "))
	}
	return nil
}

// AWS returns the SDK configuration of e (AWSConfig).
func (e Env) AWS() (aws.Config, error) {
	getenv := e.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return AWSConfig(getenv)
}

// KVRoot is the datastore's SSM root path of a KV prefix ("/stormless/"
// gives /stormless: items are /stormless/system/<name> and
// /stormless/user/<user>/<name>).
func KVRoot(prefix string) string { return strings.TrimSuffix(prefix, "/") }
