package lambdafn

import (
	"github.com/stormless/stormless/internal/awsjson"
	"github.com/stormless/stormless/internal/bus/eventbridge"
	"github.com/stormless/stormless/internal/datastore/ssmkv"
	"github.com/stormless/stormless/internal/lambdafn/stepfn"
)

// JSONClient returns an AWS JSON protocol client of service with e's
// region, credentials and endpoint override.
func (e Env) JSONClient(service awsjson.Service) (*awsjson.Client, error) {
	cfg, err := e.AWS()
	if err != nil {
		return nil, err
	}
	var opts []awsjson.Option
	if cfg.BaseEndpoint != nil {
		opts = append(opts, awsjson.WithEndpoint(*cfg.BaseEndpoint))
	}
	return awsjson.New(service, cfg.Region, cfg.Credentials, opts...)
}

// Datastore returns the key-value datastore on SSM under e's KV prefix.
func (e Env) Datastore() (*ssmkv.Store, error) {
	c, err := e.JSONClient(awsjson.SSM)
	if err != nil {
		return nil, err
	}
	return ssmkv.New(ssmkv.JSONAPI{Client: c}, ssmkv.WithRoot(KVRoot(e.KVPrefix)))
}

// Bus returns the publisher to e's event bus.
func (e Env) Bus() (*eventbridge.Publisher, error) {
	c, err := e.JSONClient(awsjson.EventBridge)
	if err != nil {
		return nil, err
	}
	return eventbridge.New(eventbridge.JSONAPI{Client: c}, eventbridge.WithBusName(e.EventBus))
}

// StepFunctions returns the Step Functions client.
func (e Env) StepFunctions() (stepfn.Client, error) {
	c, err := e.JSONClient(awsjson.StepFunctions)
	if err != nil {
		return stepfn.Client{}, err
	}
	return stepfn.Client{Caller: c}, nil
}
