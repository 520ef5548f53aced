// Package bus carries trigger instances as EventBridge events.
//
// An Event is the EventBridge envelope of DESIGN.md ("The event envelope"):
// source "stormless.<pack>", detail-type the trigger type, and a detail
// holding the trigger (type and parameters), the payload, the trace tag
// and the trigger instance id. NewEvent builds one from a trigger type,
// its parameters and a payload through envelope.New, so rules compile
// their patterns against exactly the shape published here.
//
// Publisher is the port every producer (webhooks, timers, sensors, the
// PutEvents endpoint) publishes through. Like EventBridge's PutEvents, one
// call carries several entries and each entry succeeds or fails on its
// own: a *PublishError lists the failed entries by index. Adapters live in
// sub-packages named after their technology: inproc delivers to
// subscribers in the same process; eventbridge (later) calls PutEvents.
// bustest holds the conformance suite every adapter runs.
package bus
