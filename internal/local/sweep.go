package local

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
)

// sweepInterval is how often pending inquiries are checked for an expired
// TTL (StackStorm's garbage collector runs every few minutes).
const sweepInterval = 30 * time.Second

// startSweeper expires pending inquiries whose TTL passed, every
// interval, until ctx ends.
func (e *Engine) startSweeper(ctx context.Context, interval time.Duration) {
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				e.report(e.sweep(ctx, time.Now()))
			}
		}
	}()
}

// sweep expires every pending inquiry whose TTL has passed at now.
func (e *Engine) sweep(ctx context.Context, now time.Time) error {
	for tok := ""; ; {
		page, err := e.store.ListInquiries(ctx, execution.InquiryQuery{Status: execution.InquiryPending,
			PageQuery: execution.PageQuery{Limit: execution.MaxLimit, Token: tok}})
		if err != nil {
			return fmt.Errorf("listing pending inquiries: %w", err)
		}
		for _, q := range page.Items {
			if !enforce.Expired(q, now) {
				continue
			}
			if err := e.enforcer.Expire(ctx, q.ID); err != nil && !errors.Is(err, execution.ErrConflict) {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		tok = page.Next
	}
}
