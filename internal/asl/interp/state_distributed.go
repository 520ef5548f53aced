package interp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// runDistributed runs a DISTRIBUTED Map: items batched by ItemBatcher, each
// child run in an isolated variable scope, the run recorded as a map run
// (MapRunStarted/MapRunSucceeded/MapRunFailed), results optionally written
// by ResultWriter.
func (mr *mapRun) runDistributed(ctx context.Context) (stepResult, *Failure) {
	sr := mr.sr
	if f := mr.batch(); f != nil {
		return stepResult{}, f
	}
	runARN := fmt.Sprintf("arn:aws:states:%s:%s:mapRun:%s/%s:%s", sr.th.exec.in.region, sr.th.exec.in.account,
		sr.th.exec.machine.Name, sr.n.st.Name, sr.th.exec.in.newUUID())
	sr.th.rec.add("MapStateStarted", &MapStartedDetails{Length: len(mr.items)})
	sr.th.rec.add("MapRunStarted", &MapRunStartedDetails{MapRunARN: runARN})
	runs := mr.iterate(ctx)
	failed := 0
	for _, b := range runs {
		if b.fail != nil {
			failed++
		}
	}
	if failed > 0 && !mr.tolerated(runs) {
		f := mr.failure(runs)
		if mr.tolCount < 0 && mr.tolPct < 0 {
			f = fail(ErrExceedTolerated, "The specified tolerated failure threshold was exceeded")
		}
		sr.th.rec.add("MapRunFailed", &ErrorDetails{Error: f.Name, Cause: f.Cause})
		sr.th.rec.add("MapStateFailed", nil)
		return stepResult{}, f
	}
	sr.th.rec.add("MapRunSucceeded", nil)
	sr.th.rec.addDetached("MapStateSucceeded", nil)
	out, f := mr.writeResults(runARN, runs)
	if f != nil {
		return stepResult{}, f
	}
	return mr.finish(out)
}

// batcher holds an ItemBatcher's evaluated settings.
type batcher struct {
	size, maxBytes int
	input          any
	hasInput       bool
}

// batch groups items per ItemBatcher: {"Items": [...], "BatchInput": ...}.
func (mr *mapRun) batch() *Failure {
	if mr.sr.n.st.ItemBatcher == nil {
		return nil
	}
	bt, f := mr.batcher()
	if f != nil {
		return f
	}
	var batches []any
	var cur []any
	curBytes := 0
	for _, it := range mr.items {
		n := len(mustJSON(it))
		if len(cur) > 0 && (len(cur) >= bt.size || (bt.maxBytes > 0 && curBytes+n > bt.maxBytes)) {
			batches, cur, curBytes = append(batches, bt.wrap(cur)), nil, 0
		}
		cur = append(cur, it)
		curBytes += n
	}
	if len(cur) > 0 {
		batches = append(batches, bt.wrap(cur))
	}
	mr.items = batches
	return nil
}

func (mr *mapRun) batcher() (*batcher, *Failure) {
	b := mr.sr.n.st.ItemBatcher
	size, _, f := mr.sr.knob(b, "MaxItemsPerBatch", mr.eff)
	if f != nil {
		return nil, f
	}
	maxBytes, _, f := mr.sr.knob(b, "MaxInputBytesPerBatch", mr.eff)
	if f != nil {
		return nil, f
	}
	bt := &batcher{size: int(size), maxBytes: int(maxBytes)}
	if bt.size <= 0 {
		bt.size = len(mr.items)
	}
	if raw, ok := b["BatchInput"]; ok {
		bt.hasInput = true
		if bt.input, f = mr.sr.templateValue(raw, "ItemBatcher/BatchInput", mr.eff); f != nil {
			return nil, f
		}
	}
	return bt, nil
}

func (bt *batcher) wrap(items []any) any {
	obj := map[string]any{"Items": items}
	if bt.hasInput {
		obj["BatchInput"] = bt.input
	}
	return obj
}

// writeResults writes the children's results as ResultWriter asks, and
// returns the Map's result.
func (mr *mapRun) writeResults(runARN string, runs []*branchRun) (any, *Failure) {
	w := mr.sr.n.st.ResultWriter
	out := mr.outputs(runs)
	if w == nil {
		return out, nil
	}
	p, _ := w["Parameters"].(map[string]any)
	bucket, _ := p["Bucket"].(string)
	prefix, _ := p["Prefix"].(string)
	in := mr.sr.th.exec.in
	if in.dataDir == "" {
		return nil, fail(ErrResultWriterFailed, "no data directory is configured for ResultWriter")
	}
	key := filepath.ToSlash(filepath.Join(prefix, filepath.Base(runARN), "SUCCEEDED_0.json"))
	path := filepath.Join(in.dataDir, bucket, filepath.FromSlash(key))
	data, _ := json.Marshal(out)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fail(ErrResultWriterFailed, "writing results: %v", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return nil, fail(ErrResultWriterFailed, "writing results: %v", err)
	}
	return map[string]any{"MapRunArn": runARN,
		"ResultWriterDetails": map[string]any{"Bucket": bucket, "Key": key}}, nil
}
