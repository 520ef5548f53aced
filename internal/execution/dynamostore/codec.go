package dynamostore

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stormless/stormless/internal/execution"
)

// item is one DynamoDB item.
type item = map[string]types.AttributeValue

// Record kinds: the prefix of pk and the value of kind.
const (
	kindExecution       = "EX"
	kindTriggerInstance = "TI"
	kindEnforcement     = "EN"
	kindTrace           = "TR"
	kindInquiry         = "IQ"
)

// Attributes beyond the keys.
const (
	attrDoc      = "doc"
	attrStatus   = "st"
	attrVersion  = "ver"
	attrChildren = "children"
	attrOutSeq   = "outseq"
	attrTraceTI  = "tis"
	attrTraceRU  = "trules"
	attrTraceEX  = "execs"
)

// tsLayout is fixed width, so string order is time order.
const tsLayout = "2006-01-02T15:04:05.000000000Z"

// tsPrefix formats t as the leading part of ts.
func tsPrefix(t time.Time) string { return t.UTC().Format(tsLayout) }

// tsOf returns the ts attribute of a record at t with id.
func tsOf(t time.Time, id string) string { return tsPrefix(t) + "#" + id }

// checkTime refuses times the fixed-width layout cannot order.
func checkTime(what string, t time.Time) error {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%s: year %d outside 1-9999: %w", what, y, execution.ErrInvalid)
	}
	return nil
}

// key returns the primary key of a record of kind with id.
func key(kind, id string) item {
	return item{attrPK: sv(kind + "#" + id), attrSK: sv(kind)}
}

func sv(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
}

// str returns the string attribute name of it, or "".
func str(it item, name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// num returns the number attribute name of it, or 0.
func num(it item, name string) int64 {
	if v, ok := it[name].(*types.AttributeValueMemberN); ok {
		x, _ := strconv.ParseInt(v.Value, 10, 64)
		return x
	}
	return 0
}

// strs returns the list-of-strings attribute name of it.
func strs(it item, name string) []string {
	l, ok := it[name].(*types.AttributeValueMemberL)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(l.Value))
	for _, v := range l.Value {
		if x, ok := v.(*types.AttributeValueMemberS); ok {
			out = append(out, x.Value)
		}
	}
	return out
}

// list returns a list attribute of strings.
func list(vals ...string) types.AttributeValue {
	l := make([]types.AttributeValue, len(vals))
	for i, v := range vals {
		l[i] = sv(v)
	}
	return &types.AttributeValueMemberL{Value: l}
}

// newItem returns the common attributes of a record: keys, kind, ts, doc.
func newItem(kind, id string, t time.Time, doc any) (item, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encoding %s %s: %w", kind, id, err)
	}
	it := key(kind, id)
	it[attrKind] = sv(kind)
	it[attrTS] = sv(tsOf(t, id))
	it[attrDoc] = sv(string(b))
	return it, nil
}

// setKey sets index attribute name to kind#v; an empty v with omitEmpty
// leaves the item out of that index.
func setKey(it item, name, kind, v string, omitEmpty bool) {
	if v == "" && omitEmpty {
		return
	}
	it[name] = sv(kind + "#" + v)
}

// decodeDoc decodes the doc attribute of it into v.
func decodeDoc(it item, v any) error {
	doc := str(it, attrDoc)
	if doc == "" {
		return fmt.Errorf("decoding item %s: no doc attribute", str(it, attrPK))
	}
	if err := json.Unmarshal([]byte(doc), v); err != nil {
		return fmt.Errorf("decoding item %s: %w", str(it, attrPK), err)
	}
	return nil
}

// encodeToken returns the page token after the record with ts.
func encodeToken(ts string) string { return base64.RawURLEncoding.EncodeToString([]byte(ts)) }

// decodeToken returns the ts a page token continues after.
func decodeToken(tok string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", fmt.Errorf("decoding page token: %w", execution.ErrInvalid)
	}
	ts, id, ok := strings.Cut(string(b), "#")
	if !ok || id == "" {
		return "", fmt.Errorf("decoding page token: %w", execution.ErrInvalid)
	}
	if _, err := time.Parse(tsLayout, ts); err != nil {
		return "", fmt.Errorf("decoding page token: %w", execution.ErrInvalid)
	}
	return string(b), nil
}
