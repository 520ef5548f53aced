// Command infra is the Stormless CDK app (cdk.json: go run ./infra). It
// loads and compiles the packs with the same internal/ compilers the
// local runtime uses and declares the AWS deployment: see
// NewStormlessStack. Context: -c packs=DIR (default packs), -c
// functions=DIR (default dist, built by make functions), -c
// stackName=NAME (default Stormless), -c alarmEmail=ADDRESS (alarms
// notify it; none by default), -c uiOrigin=https://HOST (the origin of a
// Web UI hosted elsewhere, allowed by the API's CORS; none by default).
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "stormless infra:", err)
		os.Exit(1)
	}
}

func run() (err error) {
	defer jsii.Close()
	// The CDK reports construct errors by panicking through jsii; they
	// become an error naming what failed, after the deferred clean-ups.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("synthesizing the stack: %v", r)
		}
	}()
	app := awscdk.NewApp(nil)
	ctx := func(key, dflt string) string {
		if v, ok := app.Node().TryGetContext(jsii.String(key)).(string); ok && v != "" {
			return v
		}
		return dflt
	}
	packs, err := LoadPacks(ctx("packs", "packs"))
	if err != nil {
		return err
	}
	for _, w := range packs.Warnings {
		fmt.Fprintln(os.Stderr, "warning:", w)
	}
	stack, err := NewStormlessStack(app, ctx("stackName", "Stormless"), &StormlessStackProps{
		StackProps:   awscdk.StackProps{Description: jsii.String("Stormless: StackStorm-style automation on AWS")},
		Packs:        packs,
		FunctionsDir: ctx("functions", "dist"),
		AlarmEmail:   ctx("alarmEmail", ""),
		UIOrigin:     ctx("uiOrigin", ""),
	})
	if err != nil {
		return err
	}
	defer stack.Cleanup()
	AddNagChecks(app)
	app.Synth(nil)
	return nil
}
