package api

import (
	"encoding/json"
)

// jsonBody returns a JSON request body as it is, once it is known to be
// one well-formed JSON value: the event carrying it encodes it again
// (compacted), so decoding it into Go values first would only cost time
// and turn large integers into floats. A malformed body is a bad request
// saying why, as decodeJSON says it.
func jsonBody(b []byte) (json.RawMessage, error) {
	if json.Valid(b) {
		return json.RawMessage(b), nil
	}
	var v any
	if err := decodeJSON(b, &v); err != nil {
		return nil, err
	}
	return nil, badRequest("malformed JSON body")
}
