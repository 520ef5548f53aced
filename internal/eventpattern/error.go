package eventpattern

import (
	"errors"
	"regexp"
	"strconv"
)

// Error reports an invalid pattern: Path is a JSON path into the pattern
// ("$.detail.state[0].prefix", "$" for the whole pattern) and Msg says what
// EventBridge would reject there.
type Error struct {
	Path string
	Msg  string
}

// Error returns "invalid event pattern at PATH: MSG".
func (e *Error) Error() string {
	return "invalid event pattern at " + e.Path + ": " + e.Msg
}

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// childPath appends an object key to a JSON path.
func childPath(path, key string) string {
	if plainKey.MatchString(key) {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

// indexPath appends an array index to a JSON path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func errAt(path, msg string) *Error { return &Error{Path: path, Msg: msg} }

// ErrInvalidEvent is wrapped by the errors Match returns for an event that
// is not valid JSON, is not a JSON object, or (MatchValue) holds a value
// JSON cannot.
var ErrInvalidEvent = errors.New("invalid event")
