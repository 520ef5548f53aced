package execution

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"
	"time"
)

var idCounter atomic.Uint32

// NewID returns a new record id in the shape StackStorm uses (a 24-digit
// hexadecimal MongoDB ObjectId): 4 bytes of Unix seconds, 5 random bytes and
// a 3-byte counter, so ids sort roughly by creation time. It is safe for
// concurrent use.
func NewID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[0:4], uint32(time.Now().Unix()))
	_, _ = rand.Read(b[4:9]) // crypto/rand.Read never fails (Go 1.24+)
	n := idCounter.Add(1)
	b[9], b[10], b[11] = byte(n>>16), byte(n>>8), byte(n)
	return hex.EncodeToString(b[:])
}
