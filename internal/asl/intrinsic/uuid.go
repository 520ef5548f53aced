package intrinsic

import (
	"encoding/binary"
	"encoding/hex"
)

// uuid implements States.UUID(): a version 4 UUID drawn from the Env's
// random source.
func uuid(in *invocation) (any, error) {
	src := randomSource(in.env)
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], src.Uint64())
	binary.BigEndian.PutUint64(b[8:], src.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}
