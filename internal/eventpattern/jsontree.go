package eventpattern

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jnode is a pattern's JSON with object keys kept in order, so that errors
// can name paths and duplicate keys can be rejected.
type jnode struct {
	kind  jkind
	keys  []string // object
	vals  []*jnode // object values, in key order
	elems []*jnode // array
	str   string   // string content or number text
	b     bool
}

type jkind uint8

const (
	jObject jkind = iota + 1
	jArray
	jString
	jNumber
	jBool
	jNull
)

// readTree decodes one JSON document, rejecting trailing data.
func readTree(data []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readNode(dec, "$")
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errAt("$", "invalid JSON: data after the pattern")
	}
	return n, nil
}

func readNode(dec *json.Decoder, path string) (*jnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(path, err)
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return readObject(dec, path)
		}
		return readArray(dec, path)
	case string:
		return &jnode{kind: jString, str: t}, nil
	case json.Number:
		return &jnode{kind: jNumber, str: string(t)}, nil
	case bool:
		return &jnode{kind: jBool, b: t}, nil
	case nil:
		return &jnode{kind: jNull}, nil
	}
	return nil, errAt(path, fmt.Sprintf("invalid JSON: unexpected %v", tok))
}

func readObject(dec *json.Decoder, path string) (*jnode, error) {
	n := &jnode{kind: jObject}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(path, err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, errAt(childPath(path, key), "duplicate key")
		}
		seen[key] = true
		v, err := readNode(dec, childPath(path, key))
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, v)
	}
	return n, closeDelim(dec, path)
}

func readArray(dec *json.Decoder, path string) (*jnode, error) {
	n := &jnode{kind: jArray}
	for dec.More() {
		v, err := readNode(dec, indexPath(path, len(n.elems)))
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
	}
	return n, closeDelim(dec, path)
}

func closeDelim(dec *json.Decoder, path string) error {
	if _, err := dec.Token(); err != nil {
		return jsonError(path, err)
	}
	return nil
}

// jsonError describes a syntax error found while reading at path.
func jsonError(path string, err error) *Error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errAt(path, "invalid JSON: unexpected end of input")
	}
	return errAt(path, "invalid JSON: "+err.Error())
}
