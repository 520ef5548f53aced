package interp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDistributedMap(t *testing.T) {
	in := newTestInterp(t, WithDataDir("testdata/data"))
	res, e := run(t, in, "distributed.json", `{"key":"items.json"}`)
	if encode(res.Output) != `[{"count":3,"tag":"t"},{"count":1,"tag":"t"}]` {
		t.Fatalf("got %+v", res)
	}
	if h := historyTypes(e); !strings.Contains(h, "MapRunStarted") || strings.Contains(h, "PassStateEntered") {
		t.Fatalf("got %s, want a map run without child events", h)
	}
}

func TestItemReaderFormats(t *testing.T) {
	tests := []struct{ name, cfg, key, want string }{
		{"csv first row", `{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"}`, "items.csv", `[{"name":"apple","qty":"1"},{"name":"pear","qty":"2"}]`},
		{"csv given", `{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b"]}`, "items.csv", `[{"a":"name","b":"qty"},{"a":"apple","b":"1"},{"a":"pear","b":"2"}]`},
		{"jsonl", `{"InputType":"JSONL"}`, "items.jsonl", `[{"n":1},{"n":2},{"n":3}]`},
		{"csv short row", `{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b","c"]}`, "items.csv", `[{"a":"name","b":"qty","c":""},{"a":"apple","b":"1","c":""},{"a":"pear","b":"2","c":""}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
				"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":` + tt.cfg + `,"Parameters":{"Bucket":"bucket","Key":"` + tt.key + `"}},
				"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
			res, _ := run(t, newTestInterp(t, WithDataDir("testdata/data")), def, `{}`)
			if encode(res.Output) != tt.want {
				t.Fatalf("got %+v, want %s", res, tt.want)
			}
		})
	}
}

func TestResultWriter(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in", "l.json"), []byte(`[1,2]`), 0o644); err != nil {
		t.Fatal(err)
	}
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
		"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"in","Key":"l.json"}},
		"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}},
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
	res, _ := run(t, newTestInterp(t, WithDataDir(dir)), def, `{}`)
	out, _ := res.Output.(map[string]any)
	details, _ := out["ResultWriterDetails"].(map[string]any)
	key, _ := details["Key"].(string)
	data, err := os.ReadFile(filepath.Join(dir, "out", filepath.FromSlash(key)))
	if err != nil || string(data) != `[1,2]` {
		t.Fatalf("got %q %v for %+v", data, err, res)
	}
}

func TestDistributedMapKnobPaths(t *testing.T) {
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"max":3,"per":2},"Next":"M"},
		"M":{"Type":"Map","End":true,
		"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","MaxItemsPath":"$max"},"Parameters":{"Bucket":"bucket","Key":"items.json"}},
		"ItemBatcher":{"MaxItemsPerBatchPath":"$per","BatchInput":{"k.$":"$.k"}},
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
	res, _ := run(t, newTestInterp(t, WithDataDir("testdata/data")), def, `{"k":"v"}`)
	want := `[{"BatchInput":{"k":"v"},"Items":[{"n":1},{"n":2}]},{"BatchInput":{"k":"v"},"Items":[{"n":3}]}]`
	if encode(res.Output) != want {
		t.Fatalf("got %+v, want %s", res, want)
	}
}
