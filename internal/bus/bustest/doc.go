// Package bustest is the conformance suite of the bus.Publisher port:
// every adapter runs TestPublisher from its own tests.
package bustest
