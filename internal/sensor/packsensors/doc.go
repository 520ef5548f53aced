// Package packsensors runs the sensors of a pack set, as stormless up
// does: every enabled sensor with an entry point is a command sensor
// (package command); a sensor with only a class_name is one of
// Stormless's built-in sensors (Builtins: linux.FileWatchSensor in the
// linux pack, and core.HttpPollSensor, which no pack needs to declare),
// given the trigger parameters of the enabled rules on its trigger types,
// as StackStorm hands rules' triggers to a sensor. Trigger instances are
// validated against their trigger type's payload_schema and published.
//
// Every sensor is listed (Types), whether it runs under the supervisor
// (running, failing with its last error and restart count, stopped),
// could not start (failed, with the reason), is disabled, or is idle (a
// built-in sensor no rule gives work to).
package packsensors
