package ssmkv

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/awsjson"
)

// API is the part of Parameter Store the store calls, in SSM's JSON
// shapes (field names are SSM's members). JSONAPI implements it; tests
// fake it. GetParameter and DeleteParameter fail with an error wrapping
// ErrParameterNotFound for a missing parameter.
type API interface {
	PutParameter(ctx context.Context, in *PutParameterInput) error
	GetParameter(ctx context.Context, in *GetParameterInput) (*GetParameterOutput, error)
	DeleteParameter(ctx context.Context, in *DeleteParameterInput) error
	GetParametersByPath(ctx context.Context, in *GetParametersByPathInput) (*ParametersOutput, error)
	DescribeParameters(ctx context.Context, in *DescribeParametersInput) (*ParametersOutput, error)
}

// ErrParameterNotFound is SSM's ParameterNotFound.
var ErrParameterNotFound = errors.New("parameter not found")

// Parameter types.
const (
	TypeString       = "String"
	TypeSecureString = "SecureString"
)

// Parameter is a parameter as GetParameter, GetParametersByPath and
// DescribeParameters return it (DescribeParameters without Value).
type Parameter struct {
	Name        string
	Type        string
	Value       string `json:",omitempty"`
	Description string `json:",omitempty"`
	Version     int64  `json:",omitempty"`
}

// PutParameterInput is PutParameter's request.
type PutParameterInput struct {
	Name        string
	Value       string
	Type        string
	Overwrite   bool
	Description string
	KeyId       string `json:",omitempty"` //nolint:revive // SSM's member name
	Tier        string `json:",omitempty"`
}

// GetParameterInput is GetParameter's request.
type GetParameterInput struct {
	Name           string
	WithDecryption bool
}

// GetParameterOutput is GetParameter's answer.
type GetParameterOutput struct {
	Parameter *Parameter
}

// DeleteParameterInput is DeleteParameter's request.
type DeleteParameterInput struct {
	Name string
}

// GetParametersByPathInput is GetParametersByPath's request.
type GetParametersByPathInput struct {
	Path           string
	Recursive      bool
	WithDecryption bool
	MaxResults     int    `json:",omitempty"`
	NextToken      string `json:",omitempty"`
}

// DescribeParametersInput is DescribeParameters' request.
type DescribeParametersInput struct {
	ParameterFilters []ParameterFilter
	MaxResults       int    `json:",omitempty"`
	NextToken        string `json:",omitempty"`
}

// ParameterFilter is one of DescribeParameters' filters.
type ParameterFilter struct {
	Key    string
	Option string
	Values []string
}

// ParametersOutput is the answer of GetParametersByPath and
// DescribeParameters.
type ParametersOutput struct {
	Parameters []Parameter
	NextToken  string `json:",omitempty"`
}

// JSONAPI is API over SSM's JSON protocol (awsjson, service awsjson.SSM).
type JSONAPI struct{ Client *awsjson.Client }

var _ API = JSONAPI{}

// call invokes op, mapping ParameterNotFound to ErrParameterNotFound.
func (j JSONAPI) call(ctx context.Context, op string, in, out any) error {
	err := j.Client.Call(ctx, op, in, out)
	if awsjson.IsCode(err, "ParameterNotFound") {
		return fmt.Errorf("%w: %w", ErrParameterNotFound, err)
	}
	return err
}

// PutParameter calls PutParameter.
func (j JSONAPI) PutParameter(ctx context.Context, in *PutParameterInput) error {
	return j.call(ctx, "PutParameter", in, nil)
}

// GetParameter calls GetParameter.
func (j JSONAPI) GetParameter(ctx context.Context, in *GetParameterInput) (*GetParameterOutput, error) {
	var out GetParameterOutput
	return &out, j.call(ctx, "GetParameter", in, &out)
}

// DeleteParameter calls DeleteParameter.
func (j JSONAPI) DeleteParameter(ctx context.Context, in *DeleteParameterInput) error {
	return j.call(ctx, "DeleteParameter", in, nil)
}

// GetParametersByPath calls GetParametersByPath.
func (j JSONAPI) GetParametersByPath(ctx context.Context, in *GetParametersByPathInput) (*ParametersOutput, error) {
	var out ParametersOutput
	return &out, j.call(ctx, "GetParametersByPath", in, &out)
}

// DescribeParameters calls DescribeParameters.
func (j JSONAPI) DescribeParameters(ctx context.Context, in *DescribeParametersInput) (*ParametersOutput, error) {
	var out ParametersOutput
	return &out, j.call(ctx, "DescribeParameters", in, &out)
}
