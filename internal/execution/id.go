package execution

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"
	"time"
)

// processID and idCounter make ids unique and increasing within a process,
// as MongoDB's ObjectIds are: a random value drawn once per process and a
// counter that starts at a random value.
var (
	processID [5]byte
	idCounter atomic.Uint32
)

func init() {
	var seed [4]byte
	_, _ = rand.Read(processID[:]) // crypto/rand.Read never fails (Go 1.24+)
	_, _ = rand.Read(seed[:])
	idCounter.Store(binary.BigEndian.Uint32(seed[:]))
}

// NewID returns a new record id in the shape StackStorm uses (a 24-digit
// hexadecimal MongoDB ObjectId): 4 bytes of Unix seconds, 5 bytes drawn
// once per process and a 3-byte counter. Ids from one process increase
// (until the counter wraps, after 16 million ids in one second), so
// stores append them to their indexes rather than insert them at random
// places. It is safe for concurrent use.
func NewID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[0:4], uint32(time.Now().Unix()))
	copy(b[4:9], processID[:])
	n := idCounter.Add(1)
	b[9], b[10], b[11] = byte(n>>16), byte(n>>8), byte(n)
	return hex.EncodeToString(b[:])
}
