// Package e2e holds the end-to-end tests of Stormless: each builds the
// real stormless binary, starts `stormless up` on a free loopback port
// with a fresh data directory, and drives it through HTTP and the CLI as a
// user would (webhook -> rule -> action, timers, workflows with inquiries,
// bad requests, API keys, shutdown), plus a bounded webhook load test
// (STORMLESS_E2E_LOAD sets its size; see docs/performance.md).
package e2e
