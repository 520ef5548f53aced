// Package eventbridge is the bus.Publisher port on Amazon EventBridge's
// PutEvents: what the webhook, sensor and enforcer functions publish
// trigger instances through on AWS.
//
// Publish validates every event first (an invalid or oversized one fails
// alone, as bus.Event.Validate says), then sends the rest in PutEvents
// calls of at most 10 entries and 256 KiB (entry sizes as EventBridge
// counts them). Entries EventBridge fails with a transient code
// (throttling, internal failure) are sent again with exponential backoff
// and jitter, up to WithMaxAttempts calls; entries it refuses for good
// (malformed detail, access denied, no such bus) and entries still failing
// after the last attempt are reported in a *bus.PublishError by their
// index in the Publish call, each wrapping an *EntryError with
// EventBridge's code and message. A call that fails as a whole (after the
// SDK's own retries) fails every entry of that call with the SDK error.
// A Publisher is safe for concurrent use.
//
// The publisher calls EventBridge through the narrow API interface, in
// EventBridge's JSON shapes; JSONAPI implements it over awsjson (SigV4
// and the AWS JSON protocol), so the Lambda functions link no EventBridge
// SDK client. A test publishes through it to the local AWS-compatible
// endpoint of internal/awsapi.
package eventbridge
