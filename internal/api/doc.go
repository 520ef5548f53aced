// Package api is Stormless's REST API: StackStorm's /api/v1 resources
// (actions, executions, rules, trigger types, trigger instances, rule
// enforcements, traces, keys, packs, inquiries, webhooks, health) with their
// JSON shapes, as one http.Handler. The local runtime serves it with net/http
// and, later, the api Lambda serves the same handler on AWS, so the package
// depends only on the small Engine interface it defines and on the
// execution.Store and datastore.Store ports, never on SQLite or AWS.
//
// Errors are JSON objects {"faultstring": "..."} with StackStorm's status
// codes: 400 for malformed requests (bad JSON, unknown action, parameters
// that fail validation), 401 for a missing or wrong API key (with WithAuth),
// 403 for acting as another user, 404 for unknown resources, 405 for a
// method a resource does not serve, 409 for conflicts, 413 for bodies over
// MaxBodyBytes, 501 for what the engine cannot do (cancel, pause, resume,
// reload until it implements Canceler, Pauser, Reloader).
// A request that fails validation changes nothing. Secret action parameters
// are masked in every record, and datastore secrets leave the API decrypted
// only on a get or listing that asks for decrypt=true.
//
// GET /stream/v1/stream is StackStorm's event stream: server-sent events
// named st2.execution__create, st2.execution__update,
// st2.execution.output__create, st2.trigger_instances_dispatch__trigger_instance
// (a new trigger instance), st2.trigger_instance__update,
// st2.rule_enforcement__create, st2.inquiry__create and __update, carrying
// the record. An engine that knows of its writes feeds it through a
// Notifier (the local engine does); otherwise the handler polls the store
// while anyone listens, reporting executions and new trigger instances.
//
// Listings take limit and offset, or marker (the X-Next-Marker header of the
// previous page); responses carry X-Limit and, when more records follow,
// X-Next-Marker. X-Total-Count is not sent: the stores page by position and
// do not count.
package api
