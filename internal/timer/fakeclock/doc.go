// Package fakeclock is a manual timer.Clock for tests: time moves only
// when the test calls Advance or Set, so no test sleeps.
package fakeclock
