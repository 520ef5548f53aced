package interp

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WithDataDir sets the local directory that stands in for S3 in a
// distributed Map: ItemReader reads DIR/Bucket/Key and ResultWriter writes
// under DIR/Bucket/Prefix.
func WithDataDir(dir string) Option {
	return func(in *Interpreter) error { in.dataDir = dir; return nil }
}

// readItems reads a distributed Map's items through its ItemReader:
// ReaderConfig.InputType JSON (an array), JSONL, CSV (headers from the first
// row or CSVHeaders); MaxItems caps the count.
func (sr *stateRun) readItems(eff any) ([]any, *Failure) {
	reader := sr.n.st.ItemReader
	params, f := sr.readerParams(reader, eff)
	if f != nil {
		return nil, f
	}
	data, f := sr.th.exec.in.readObject(params)
	if f != nil {
		return nil, f
	}
	cfg, _ := reader["ReaderConfig"].(map[string]any)
	items, err := decodeItems(data, cfg)
	if err != nil {
		return nil, fail(ErrItemReaderFailed, "%v", err)
	}
	maxItems, ok, f := sr.knob(cfg, "MaxItems", eff)
	if f != nil {
		return nil, f
	}
	if ok && maxItems > 0 && int(maxItems) < len(items) {
		items = items[:int(maxItems)]
	}
	return items, nil
}

func (sr *stateRun) readerParams(reader map[string]any, eff any) (map[string]any, *Failure) {
	raw, ok := reader["Parameters"]
	if !ok {
		raw = reader["Arguments"]
	}
	t, err := sr.n.tmpl(raw, "ItemReader/Parameters")
	if err != nil {
		return nil, fail(ErrItemReaderFailed, "compiling ItemReader parameters: %v", err)
	}
	v, f := t.eval(sr.env.with(eff))
	if f != nil {
		return nil, asRuntime(f)
	}
	m, _ := v.(map[string]any)
	return m, nil
}

func (in *Interpreter) readObject(params map[string]any) ([]byte, *Failure) {
	if in.dataDir == "" {
		return nil, fail(ErrItemReaderFailed, "no data directory is configured for ItemReader")
	}
	bucket, _ := params["Bucket"].(string)
	key, _ := params["Key"].(string)
	p := filepath.Join(in.dataDir, filepath.FromSlash(bucket), filepath.FromSlash(key))
	if !strings.HasPrefix(p, filepath.Clean(in.dataDir)+string(filepath.Separator)) {
		return nil, fail(ErrItemReaderFailed, "object key %q escapes the data directory", key)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fail(ErrItemReaderFailed, "reading s3://%s/%s: %v", bucket, key, err)
	}
	return data, nil
}

func decodeItems(data []byte, cfg map[string]any) ([]any, error) {
	typ, _ := cfg["InputType"].(string)
	switch strings.ToUpper(typ) {
	case "CSV":
		return decodeCSV(data, cfg)
	case "JSONL":
		return decodeJSONL(data)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("decoding JSON items: %w", err)
	}
	items, ok := v.([]any)
	if !ok {
		return nil, errors.New("Attempting to map over non-iterable node.")
	}
	return items, nil
}

func decodeJSONL(data []byte) ([]any, error) {
	var items []any
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var v any
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("decoding JSONL line %d: %w", i+1, err)
		}
		items = append(items, v)
	}
	return items, nil
}

func decodeCSV(data []byte, cfg map[string]any) ([]any, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // rows may have more or fewer fields than headers
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("decoding CSV: %w", err)
	}
	var headers []string
	if loc, _ := cfg["CSVHeaderLocation"].(string); loc == "GIVEN" {
		for _, h := range asArray(cfg["CSVHeaders"]) {
			headers = append(headers, stringOf(h))
		}
	} else if len(rows) > 0 {
		headers, rows = rows[0], rows[1:]
	}
	seen := make(map[string]bool, len(headers))
	for _, h := range headers {
		if seen[h] {
			return nil, errors.New("CSV headers cannot contain duplicates.")
		}
		seen[h] = true
	}
	items := make([]any, 0, len(rows))
	for _, r := range rows {
		obj := make(map[string]any, len(headers))
		for i, h := range headers {
			obj[h] = "" // a short row's missing fields are empty strings
			if i < len(r) {
				obj[h] = r[i]
			}
		}
		items = append(items, obj)
	}
	return items, nil
}

func asArray(v any) []any {
	a, _ := v.([]any)
	return a
}
