// Package inproc is the in-process adapter of the bus port: the local
// runtime's event bus. Publish validates each event, reserves room in a
// bounded queue (blocking while it is full: backpressure), hands the
// events to the optional Committer (the local engine records the trigger
// instances there), and only then queues them for delivery; so an event
// Publish accepted is durable and will be delivered to every subscriber,
// and an event it refused was neither committed nor delivered.
//
// Delivery runs on a fixed number of worker goroutines; each event goes to
// every subscriber in turn. Order across workers is not guaranteed, as on
// EventBridge. A handler must not block on publishing to the same bus, or
// a full queue can deadlock; hand such work off instead.
package inproc
