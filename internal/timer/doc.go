// Package timer schedules StackStorm's timer triggers and publishes a
// trigger instance on the bus each time one fires.
//
// The three built-in timer trigger types behave as in StackStorm, which
// runs them on APScheduler 3:
//
//   - core.st2.IntervalTimer {unit, delta}: every delta weeks, days,
//     hours, minutes or seconds of elapsed time, the first one interval
//     after the timer is added. A delta of 0 means one second, as in
//     APScheduler.
//   - core.st2.DateTimer {date, timezone}: once, at date (a naive date is
//     in timezone). A date already past when the timer is added is not
//     scheduled. Fired DateTimers are recorded through the FiredStore
//     port, so one never fires twice across restarts.
//   - core.st2.CronTimer {year, month, day, week, day_of_week, hour,
//     minute, second, timezone}: APScheduler's CronTrigger, see Cron.
//
// Timers are identified by trigger type and parameters (ID): two rules
// declaring the same timer share it and see the same trigger instances, as
// in StackStorm, where such rules share one trigger. The event carries the
// parameters exactly as the rule declares them, so the rule's pattern on
// detail.trigger.parameters matches. The payload is StackStorm's:
// {"executed_at": "2026-11-28 00:11:29.578325+00:00", "schedule": null}
// (executed_at is Python's str() of the UTC time of firing; StackStorm
// fills schedule from a "time" parameter no timer has, so it is always
// null).
//
// Timezones: a timer without a timezone parameter uses the scheduler's
// location (WithLocation, default time.Local, as APScheduler uses the
// machine's zone). Wall times that do not exist (the hour skipped when
// daylight saving time starts) and that exist twice (the hour repeated
// when it ends) are resolved as pytz's localize(is_dst=False), which
// APScheduler 3 uses: a skipped time is read with the offset before the
// change (02:30 becomes 03:30 DST), a repeated one as standard time (the
// second 01:30). The package embeds the time zone database.
//
// Missed fires: like APScheduler with its defaults (coalesce, misfire
// grace time one second), a timer that is late fires once for all the
// runs it missed, and not at all when later than the grace time
// (WithMisfireGrace). All waiting goes through a Clock, so tests drive
// time with fakeclock and never sleep.
package timer
