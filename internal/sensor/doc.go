// Package sensor runs sensors: code that watches something outside
// Stormless and dispatches trigger instances onto the bus.
//
// A Sensor is anything with Run(ctx, out): built-in Go sensors
// (filewatch, httppoll) and the command sensors packs declare
// (command). A sensor dispatches through its Output, which validates
// the payload against the trigger type's payload_schema (an invalid
// payload is refused with a *PayloadError, never published) and
// publishes the event; problems that do not stop the sensor are
// reported through Output.Report.
//
// The Supervisor keeps sensors running: one that returns (with an
// error, a panic, or none) before it is stopped is restarted after an
// exponential backoff, and its state (running, failing with the last
// error and the restart count, stopped) is always visible through
// Statuses, so a sensor never goes silent. Package packsensors runs the
// sensors a pack set declares (and the built-in ones its rules need) and
// lists each as a Type, the /api/v1/sensortypes resource.
package sensor
