package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// readBody reads the whole request body, at most MaxBodyBytes.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errorf("reading body: larger than %d bytes: %w", MaxBodyBytes, err)
		}
		return nil, errorf("reading body: %w", err)
	}
	return b, nil
}

// decodeBody decodes the request's JSON body into v; a body that is not
// JSON of v's shape is a bad request.
func decodeBody(r *http.Request, v any) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	return decodeJSON(b, v)
}

// decodeJSON decodes one JSON value from b into v.
func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return badRequest("malformed JSON body: %v", err)
	}
	if dec.More() {
		return badRequest("malformed JSON body: data after the JSON value")
	}
	return nil
}
