//go:build unix

package eventpattern

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, so benchmarks on a
// shared machine can report throughput per CPU-second next to wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
