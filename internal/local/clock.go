package local

import "time"

// nowUTC is the current time as records store it.
func nowUTC() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
