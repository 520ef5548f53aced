package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/stormless/stormless/internal/asl"
)

// rejection is a recorded CreateStateMachine InvalidDefinition error: its
// message, the JSON pointer it names (if any) and the rejected definition
// when the message quotes it.
type rejection struct {
	message, pointer, definition string
}

var (
	rejectionPointerRE    = regexp.MustCompile(` at (/[^' ]*)'`)
	rejectionDefinitionRE = regexp.MustCompile(`(?s) in definition '(.*)'\.?$`)
)

// recordedRejection finds an InvalidDefinition error among an entry's
// recorded responses.
func recordedRejection(e *entry) (rejection, bool) {
	for _, k := range contentKeys(e) {
		var resp struct {
			Error    struct{ Code, Message string }
			Typename string `json:"exception_typename"`
			Value    string `json:"exception_value"`
		}
		if json.Unmarshal(e.Content[k], &resp) != nil {
			continue
		}
		msg := ""
		switch {
		case resp.Error.Code == "InvalidDefinition":
			msg = resp.Error.Message
		case resp.Typename == "InvalidDefinition":
			msg = resp.Value
		default:
			continue
		}
		r := rejection{message: msg}
		if m := rejectionPointerRE.FindStringSubmatch(msg); m != nil {
			r.pointer = m[1]
		}
		if m := rejectionDefinitionRE.FindStringSubmatch(msg); m != nil {
			r.definition = m[1]
		}
		return r, true
	}
	return rejection{}, false
}

// judgeRejection checks that the ASL validator rejects a definition AWS
// rejected, at the field AWS names.
func judgeRejection(e *entry, r rejection) verdict {
	def, reason := rejectedDefinition(e, r)
	if def == nil {
		return verdict{Status: unresolved, Reason: reason}
	}
	_, err := asl.Parse(def)
	var ve *asl.ValidationError
	switch {
	case err == nil:
		return verdict{Status: failed, Reason: "definition: AWS rejects it (" + short(r.message) + "); got accepted"}
	case !errors.As(err, &ve):
		return verdict{Status: failed, Reason: "definition: AWS rejects it as invalid; got " + oneLine(err)}
	case r.pointer != "" && !rejectsAt(ve, r.pointer):
		return verdict{Status: failed, Reason: fmt.Sprintf("definition: AWS rejects it at %s; got %s", r.pointer, oneLine(ve))}
	case r.pointer == "" && !rejectsSaying(ve, r.message):
		return verdict{Status: failed, Reason: fmt.Sprintf("definition: AWS rejects it saying %s; got a problem with another field: %s", short(r.message), oneLine(ve))}
	}
	return verdict{Status: passed}
}

// rejectsAt reports whether a problem concerns the field at pointer or
// one inside it.
func rejectsAt(ve *asl.ValidationError, pointer string) bool {
	inside := strings.TrimSuffix(pointer, "/") + "/"
	for _, p := range ve.Problems {
		if p.Pointer == pointer || strings.HasPrefix(p.Pointer, inside) {
			return true
		}
	}
	return false
}

// rejectsSaying reports, for a message that names no JSON pointer,
// whether a problem concerns a field the message names (the last segment
// of the problem's pointer, such as Label).
func rejectsSaying(ve *asl.ValidationError, message string) bool {
	for _, p := range ve.Problems {
		field := p.Pointer[strings.LastIndex(p.Pointer, "/")+1:]
		if field != "" && strings.Contains(message, field) {
			return true
		}
	}
	return false
}

// rejectedDefinition returns the definition AWS rejected: quoted in the
// message, or the one template named for the test.
func rejectedDefinition(e *entry, r rejection) ([]byte, string) {
	if r.definition != "" {
		return []byte(r.definition), ""
	}
	if e.Guessed || len(e.Templates) != 1 {
		return nil, "the rejected definition is built in Python"
	}
	t, err := loadTemplate(e.Templates[0], e.Param, e.Edit)
	if err != nil {
		return nil, oneLine(err)
	}
	b, err := t.JSON()
	if err != nil {
		return nil, oneLine(err)
	}
	return b, ""
}
