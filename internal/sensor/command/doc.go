// Package command runs the sensors packs declare with a command as entry
// point: the executable file sensors/<entry_point> is run every
// poll_interval seconds (the first time at once), and each JSON object it
// prints on stdout, one per line or all in one JSON array, is dispatched
// as a trigger instance.
//
// With one trigger type declared, each object is the payload. With
// several, each object is {"trigger": "<name or ref>", "payload": {...}}.
// Objects that are not JSON, name no declared trigger type, or fail the
// type's payload_schema are reported (sensor.Output.Report) and not
// dispatched; the other objects of the same run are. A run that exits
// non-zero, times out or cannot start fails the sensor (its Run returns
// the error, with the end of stderr), and the supervisor restarts it with
// backoff.
//
// The command runs in the entry point's directory with the environment of
// Stormless plus STORMLESS_SENSOR (the sensor ref), STORMLESS_PACK and
// STORMLESS_PACK_DIR.
package command
