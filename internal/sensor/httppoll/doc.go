// Package httppoll is the built-in HTTP poll sensor: it GETs each URL its
// triggers name on their interval and dispatches a core.http_poll trigger
// instance when the response status or body changed since the previous
// poll. The first poll of a URL records a baseline and dispatches
// nothing; a failed request counts as status 0 with the error, so a
// service going down and coming back are both changes. State lives in the
// Sensor, so a restarted Run compares against the last poll.
package httppoll
