// Package schedule maps StackStorm's timer triggers to EventBridge
// Scheduler: the schedule expression of a timer (Of: rate(), cron() with
// APScheduler's fields mapped to AWS's, at()) and the event it puts on the
// Stormless bus when it fires (EventOf), the same envelope the local
// timers publish. It holds no CDK code, so its tests link no CDK; infra/
// declares the schedules with it. Everything here is pure and safe for
// concurrent use.
package schedule
