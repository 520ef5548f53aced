// Package client is a Go client of Stormless's REST API (StackStorm's
// /api/v1 resources, as internal/api serves them locally and on AWS): typed
// methods for actions, executions, rules, trigger types, trigger instances,
// rule enforcements, traces, keys, packs, sensor types, inquiries, webhooks
// and API keys, and a reader of the server-sent event stream at
// /stream/v1/stream.
//
// A Client is safe for concurrent use. Every method takes a context and
// sends the API key, when one is set, in the St2-Api-Key header (never in
// the URL, so it does not end up in logs). A server that answers with an
// error status returns an *Error carrying the status and the server's
// faultstring; a server that cannot be reached returns an error wrapping
// ErrUnreachable.
package client
