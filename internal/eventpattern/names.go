package eventpattern

import (
	"encoding/binary"
	"math/bits"
)

// nameNode is one level of the field names the machine's patterns use;
// the flattener descends only into named fields and skips everything else.
type nameNode struct {
	children map[string]*nameNode
	table    []nameSlot // children by keyHash, when collision-free
	seed     uint64
	shift    uint8
	path     int32  // id of the path ending here, or -1 when none does
	id       int32  // id of the node itself
	key      string // the key of this node in its parent
}

// nameSlot is one slot of a nameNode's table: a child and its keyWord.
type nameSlot struct {
	word uint64
	node *nameNode
}

// child returns the child named k, or nil; w is keyWord(k).
func (n *nameNode) child(k string, w uint64) *nameNode {
	if n.table == nil {
		return n.children[k]
	}
	e := &n.table[keyHash(w, n.seed, n.shift)]
	if e.word != w || e.node == nil {
		return nil
	}
	if len(k) < 8 && len(e.node.key) == len(k) {
		return e.node // equal words of short keys of one length: equal keys
	}
	if e.node.key == k {
		return e.node
	}
	return nil
}

// freeze prepares n and its descendants for lookups: a perfect hash
// table (see keyTable) replaces the map when one is found.
func (n *nameNode) freeze() {
	if len(n.children) > 0 {
		n.table, n.seed, n.shift = keyTable(n.children)
	}
	for _, c := range n.children {
		c.freeze()
	}
}

// keyWord packs a key into 64 bits: for keys of up to seven bytes, their
// bytes (first byte lowest) and their length in bits 59 to 61, which is
// one-to-one; for longer keys, their first and last eight bytes and their
// length mixed, which is not.
func keyWord(k string) uint64 {
	if len(k) >= 8 {
		lo := binary.LittleEndian.Uint64([]byte(k[:8]))
		hi := binary.LittleEndian.Uint64([]byte(k[len(k)-8:]))
		return lo ^ bits.RotateLeft64(hi, 29) ^ uint64(len(k))*0x9E3779B97F4A7C15
	}
	var w uint64
	for i := len(k) - 1; i >= 0; i-- {
		w = w<<8 | uint64(k[i])
	}
	return shortWord(w, len(k))
}

// shortWord is keyWord of a key of n < 8 bytes whose bytes are w.
func shortWord(w uint64, n int) uint64 { return w ^ uint64(n)<<59 }

// keyHash maps a key's word to a slot of a table of 2^(64-shift) slots.
func keyHash(w, seed uint64, shift uint8) uint64 {
	w *= seed
	return (w ^ w>>32) * seed >> shift
}

// maxTableKeys bounds the children a perfect hash table is sought for: a
// random table of eight slots per key is collision-free with probability
// about exp(-keys/16), so larger sets rarely get one.
const maxTableKeys = 64

// keyTable builds a collision-free table of children, indexed by keyHash,
// trying 64 seeds at each size from the next power of two to eight times
// that. It returns a nil table when none is found.
func keyTable(children map[string]*nameNode) ([]nameSlot, uint64, uint8) {
	if len(children) > maxTableKeys {
		return nil, 0, 0
	}
	size := 1
	for size < len(children) {
		size *= 2
	}
	for ; size <= 8*len(children); size *= 2 {
		t := make([]nameSlot, size)
		shift := uint8(64 - bits.TrailingZeros(uint(size)))
		seed := uint64(0x9E3779B97F4A7C15)
		for range 64 {
			if fillKeyTable(t, children, seed, shift) {
				return t, seed, shift
			}
			seed = seed*6364136223846793005 + 1442695040888963407 | 1
		}
	}
	return nil, 0, 0
}

// fillKeyTable fills t with children, reporting false on a collision.
func fillKeyTable(t []nameSlot, children map[string]*nameNode, seed uint64, shift uint8) bool {
	clear(t)
	for k, c := range children {
		w := keyWord(k)
		h := keyHash(w, seed, shift)
		if t[h].node != nil {
			return false
		}
		t[h] = nameSlot{word: w, node: c}
	}
	return true
}
