package python

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/runner"
)

// start is the first message to the shim: what to run and how.
type start struct {
	EntryPoint string         `json:"entry_point"`
	Pack       string         `json:"pack"`
	Config     map[string]any `json:"config"`
	Parameters map[string]any `json:"parameters"`
	User       string         `json:"user"`
	LogLevel   string         `json:"log_level"`
}

// message is a line from the shim: a datastore call or the result.
type message struct {
	Op      string          `json:"op"`
	Name    string          `json:"name"`
	Value   string          `json:"value"`
	Prefix  string          `json:"prefix"`
	Scope   string          `json:"scope"`
	Decrypt bool            `json:"decrypt"`
	Encrypt bool            `json:"encrypt"`
	TTL     float64         `json:"ttl"`
	Status  *bool           `json:"status"`
	Result  json.RawMessage `json:"result"`
}

// reply answers a datastore call.
type reply struct {
	Value any    `json:"value"`
	Error string `json:"error,omitempty"`
}

// outcome is what the shim reported: whether it sent a result, the
// action's status flag and result.
type outcome struct {
	done   bool
	status *bool
	result any
}

// serve answers the shim's messages from r on w until r ends, and returns
// the result message.
func serve(ctx context.Context, req runner.Request, r io.Reader, w io.Writer) outcome {
	var out outcome
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	enc := json.NewEncoder(w)
	for sc.Scan() {
		var m message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			continue
		}
		if m.Op == "result" {
			out = outcome{done: true, status: m.Status, result: decode(m.Result)}
			continue
		}
		_ = enc.Encode(call(ctx, req, m)) // a shim that is gone needs no answer
	}
	return out
}

func decode(raw json.RawMessage) any {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// call runs one datastore call against req.Datastore.
func call(ctx context.Context, req runner.Request, m message) reply {
	ds := req.Datastore
	if ds == nil {
		return reply{Error: "the datastore is not available to this action"}
	}
	scope := datastore.Scope(m.Scope)
	var v any
	var err error
	switch m.Op {
	case "get":
		var kv datastore.KeyValue
		kv, err = ds.Get(ctx, req.Key(scope, m.Name), m.Decrypt)
		v = kv.Value
	case "set":
		_, err = ds.Set(ctx, req.Key(scope, m.Name), m.Value, datastore.SetOptions{TTL: time.Duration(m.TTL * float64(time.Second)), Secret: m.Encrypt})
	case "delete":
		err = ds.Delete(ctx, req.Key(scope, m.Name))
	case "list":
		v, err = list(ctx, ds, req.Key(scope, m.Prefix), m.Prefix)
	default:
		err = fmt.Errorf("unknown datastore call %q", m.Op)
	}
	if err != nil {
		return reply{Error: errText(m, err)}
	}
	return reply{Value: v}
}

// list returns every item of k's scope (and user) whose name starts with
// prefix, in name order; secrets stay encrypted.
func list(ctx context.Context, ds datastore.Store, k datastore.Key, prefix string) ([]datastore.KeyValue, error) {
	q := datastore.Query{Scope: k.Scope, User: k.User, Prefix: prefix, Limit: 1000}
	var out []datastore.KeyValue
	for {
		page, err := ds.List(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		q.Token = page.Next
	}
}

func errText(m message, err error) string {
	if errors.Is(err, datastore.ErrNotFound) {
		return fmt.Sprintf("key %q not found", m.Name)
	}
	return fmt.Sprintf("datastore %s %q: %v", m.Op, m.Name, err)
}
