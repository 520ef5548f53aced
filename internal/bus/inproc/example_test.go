package inproc_test

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/inproc"
)

func Example() {
	ctx := context.Background()
	b, err := inproc.New(inproc.WithCommitter(bus.CommitterFunc(func(_ context.Context, events []bus.Event) error {
		fmt.Println("committed", len(events))
		return nil
	})))
	if err != nil {
		fmt.Println(err)
		return
	}
	b.Subscribe(bus.HandlerFunc(func(_ context.Context, e bus.Event) error {
		fmt.Println("delivered", e.DetailType)
		return nil
	}))
	e, _ := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"}, map[string]any{})
	if err := b.Publish(ctx, e); err != nil {
		fmt.Println(err)
	}
	if err := b.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// committed 1
	// delivered core.st2.webhook
}
