package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// recordedBucket is the bucket name the snapshots show (LocalStack
// replaces the test's random bucket name by it).
const recordedBucket = "bucket-name"

// csvRows are the CSV rows below the header of LocalStack's ItemReader
// tests.
const csvRows = "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"

// maxItemsCSV is the CSV of LocalStack's MaxItems tests.
const maxItemsCSV = "Col1,Col2\nValue1,Value2\nValue3,Value4\nValue5,Value6\nValue7,Value8\n"

// s3Objects are the S3 objects ItemReader tests put before running, by
// test file stem and test name, then by key in recordedBucket; restated
// from LocalStack's test code.
var s3Objects = map[string]map[string]string{
	"test_base_scenarios::test_map_item_reader_base_csv_headers_first_line": {
		"file.csv": "Col1,Col2,Col3\n" + csvRows,
	},
	"test_base_scenarios::test_map_item_reader_base_csv_headers_decl":              {"file.csv": csvRows},
	"test_base_scenarios::test_map_item_reader_csv_headers_decl_duplicate_headers": {"file.csv": csvRows},
	"test_base_scenarios::test_map_item_reader_csv_headers_decl_extra_fields":      {"file.csv": csvRows},
	"test_base_scenarios::test_map_item_reader_csv_headers_first_row_typed_headers": {
		"file.csv": "0,True,{}\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n",
	},
	"test_base_scenarios::test_map_item_reader_csv_first_row_extra_fields": {
		"file.csv": "H1,\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n",
	},
	"test_base_scenarios::test_map_item_reader_csv_max_items_paths": {"file.csv": maxItemsCSV},
	"test_base_scenarios::test_map_item_reader_csv_max_items":       {"file.csv": maxItemsCSV},
	"test_base_scenarios::test_map_item_reader_base_json": {
		"file.json": `[{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"}, ` +
			`{"verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"}, ` +
			`{"verdict": "mostly-true", "statement_date": "5/18/2016", "statement_source": "news"}]`,
	},
	"test_base_scenarios::test_map_item_reader_base_json_max_items": {
		"file.json": "[" + strings.Repeat(`{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"}, `, 2) +
			`{"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"}]`,
	},
	"test_base_scenarios::test_map_item_reader_json_no_json_list_object": {
		"file.json": `{"Hello": "world"}`,
	},
}

// s3ObjectsFor returns the S3 objects an entry's test puts, if known.
func s3ObjectsFor(testID string) map[string]string {
	file, _, _ := strings.Cut(testID, "::")
	stem := strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".py")
	return s3Objects[stem+"::"+testName(stripParam(testID))]
}

// writeObjects writes objects under dir/recordedBucket, the layout
// interp.WithDataDir reads.
func writeObjects(dir string, objects map[string]string) error {
	for key, body := range objects {
		p := filepath.Join(dir, recordedBucket, key)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing S3 object %s: %w", key, err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return fmt.Errorf("writing S3 object %s: %w", key, err)
		}
	}
	return nil
}
