package interp

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
)

// mapRun holds one Map state's evaluation.
type mapRun struct {
	sr          *stateRun
	items       []any
	eff         any // the effective input, for ItemSelector
	concurrency int
	tolCount    int     // -1: none tolerated
	tolPct      float64 // -1: none tolerated
	distributed bool
}

func (sr *stateRun) mapState(ctx context.Context) (stepResult, *Failure) {
	if sr.th.depth+1 >= sr.th.exec.in.maxDepth {
		return stepResult{}, fail(ErrRuntime, causeNestingDepthLimit, sr.th.exec.in.maxDepth)
	}
	mr := &mapRun{sr: sr, tolCount: -1, tolPct: -1, distributed: sr.n.processor.def.ProcessorMode == "DISTRIBUTED"}
	if f := mr.prepare(); f != nil {
		return stepResult{}, f
	}
	if mr.distributed {
		return mr.runDistributed(ctx)
	}
	sr.th.rec.add("MapStateStarted", &MapStartedDetails{Length: len(mr.items)})
	if mr.concurrency == 1 {
		return mr.sequential(ctx)
	}
	runs := mr.iterate(ctx)
	return mr.inlineResult(runs)
}

// prepare evaluates the items and the Map's knobs.
func (mr *mapRun) prepare() *Failure {
	sr := mr.sr
	var f *Failure
	if sr.n.jsonata {
		mr.eff = sr.raw
	} else if mr.eff, f = sr.effectiveInput(); f != nil {
		return f
	}
	if !sr.n.jsonata {
		sr.note("afterInputPath", mr.eff)
	}
	if f = mr.evalItems(); f != nil {
		return f
	}
	return mr.evalKnobs()
}

func (mr *mapRun) evalItems() *Failure {
	sr := mr.sr
	if tr := sr.tested(); tr != nil && tr.opts.MapItemReaderData != nil && sr.n.st.ItemReader != nil {
		mr.items = tr.opts.MapItemReaderData
		return nil
	}
	if sr.n.st.ItemReader != nil {
		items, f := sr.readItems(mr.eff)
		mr.items = items
		return f
	}
	var v any = mr.eff
	switch {
	case sr.n.items != nil:
		x, f := sr.n.items.eval(sr.env)
		if f != nil {
			return asRuntime(f)
		}
		if f := itemsTypeFailure(sr.n.st.Items, x); f != nil {
			return f
		}
		v = x
	case sr.n.itemsPath != nil:
		x, f := selectPath(sr.n.itemsPath, sr.env.with(mr.eff))
		if f != nil {
			return f
		}
		if _, ok := x.([]any); !ok {
			return runtimeFail(ErrRuntime, "Reference path \"%s\" must point to array.", strings.TrimPrefix(sr.n.itemsPath.src, "$"))
		}
		v = x
	}
	items, ok := v.([]any)
	if !ok {
		return runtimeFail(ErrQueryEvaluation, "Map state input must be an array but was: %s", mustJSON(v))
	}
	mr.items = items
	return nil
}

func (mr *mapRun) evalKnobs() *Failure {
	sr := mr.sr
	if v, ok, f := sr.evalField(sr.n.maxConcurrency, mr.eff); f != nil {
		return f
	} else if ok {
		x, isNum := numberOf(v)
		if !isNum || x != math.Trunc(x) || x < 0 {
			return runtimeFail(ErrRuntime, "The MaxConcurrencyPath field refers to value \"%s\" which is not a valid integer: %s", stringOf(v), pathSrc(sr.n.maxConcurrency))
		}
		mr.concurrency = int(x)
	}
	if v, ok, f := sr.evalField(sr.n.toleratedCount, mr.eff); f != nil {
		return f
	} else if ok {
		x, isNum := numberOf(v)
		if !isNum || x != math.Trunc(x) {
			return runtimeFail(ErrRuntime, "The ToleratedFailureCountPath field refers to value \"%s\" which is not a valid integer: %s", stringOf(v), pathSrc(sr.n.toleratedCount))
		}
		if x < 0 {
			return runtimeFail(ErrRuntime, "ToleratedFailureCount cannot be negative.")
		}
		mr.tolCount = int(x)
	}
	if v, ok, f := sr.evalField(sr.n.toleratedPct, mr.eff); f != nil {
		return f
	} else if ok {
		x, isNum := numberOf(v)
		if !isNum {
			return runtimeFail(ErrRuntime, "The ToleratedFailurePercentagePath field refers to value \"%s\" which is not a valid float: %s", stringOf(v), pathSrc(sr.n.toleratedPct))
		}
		if x < 0 || x > 100 {
			return runtimeFail(ErrRuntime, "ToleratedFailurePercentage must be between 0 and 100.")
		}
		mr.tolPct = x
	}
	return nil
}

// numberOf accepts a number or a string holding one, as Step Functions
// does for the *Path knobs of a Map state.
func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func pathSrc(fe fieldExpr) string {
	if fe.path != nil {
		return fe.path.src
	}
	return ""
}

// iterate runs every item on its own thread, at most concurrency at once.
func (mr *mapRun) iterate(ctx context.Context) []*branchRun {
	runs := make([]*branchRun, len(mr.items))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	limit := mr.concurrency
	if limit <= 0 || limit > len(mr.items) {
		limit = len(mr.items)
	}
	sem := make(chan struct{}, max(limit, 1))
	var wg sync.WaitGroup
	tolerant := mr.tolCount >= 0 || mr.tolPct >= 0
	g := newGate(cancel)
	for i, item := range mr.items {
		runs[i] = &branchRun{th: mr.sr.th.child(mr.distributed)}
		runs[i].th.mapItem = &mapItem{index: i, value: item}
		sem <- struct{}{}
		if !g.launch() {
			<-sem
			runs[i].skipped = true
			runs[i].fail = &Failure{Name: ErrRuntime, cancelled: true}
			continue
		}
		entered := g.onEntered()
		runs[i].th.onEntered = entered
		wg.Add(1)
		go func(i int, b *branchRun) {
			defer func() { <-sem; wg.Done() }()
			b.output, b.fail = mr.runItem(ctx, b.th, i)
			entered()
			if b.fail != nil && !tolerant {
				g.fail()
			}
		}(i, runs[i])
	}
	wg.Wait()
	return runs
}

// runItem runs one iteration: ItemSelector, then the item processor.
func (mr *mapRun) runItem(ctx context.Context, th *thread, i int) (any, *Failure) {
	sr := mr.sr
	input := mr.items[i]
	if sr.n.itemSel != nil {
		env := &evalEnv{input: mr.eff, th: th, st: sr.n, states: sr.env.states}
		v, f := sr.n.itemSel.eval(env)
		if f != nil {
			return nil, asRuntime(f)
		}
		input = v
	}
	th.mapItem = nil
	return th.run(ctx, sr.n.processor, nil, input)
}

// inlineResult merges iteration histories in order and applies the
// tolerated-failure rules.
func (mr *mapRun) inlineResult(runs []*branchRun) (stepResult, *Failure) {
	rec := mr.sr.th.rec
	name := mr.sr.n.st.Name
	tolerant := mr.tolCount >= 0 || mr.tolPct >= 0
	failed := -1
	if !tolerant {
		failed = firstFailed(runs)
	}
	var lastSucceeded int64
	for i, b := range runs {
		if b.skipped {
			continue
		}
		rec.add("MapIterationStarted", &MapIterationDetails{Name: name, Index: i})
		rec.merge(b.th.rec)
		switch {
		case b.fail == nil:
			lastSucceeded = rec.addDetached("MapIterationSucceeded", &MapIterationDetails{Name: name, Index: i})
		case tolerant || i == failed:
			rec.addDetached("MapIterationFailed", &MapIterationDetails{Name: name, Index: i})
		default:
			rec.addDetached("MapIterationAborted", &MapIterationDetails{Name: name, Index: i})
		}
	}
	if failed >= 0 || (tolerant && !mr.tolerated(runs)) {
		rec.add("MapStateFailed", nil)
		return stepResult{}, mr.failure(runs)
	}
	if lastSucceeded > 0 {
		rec.setCursor(lastSucceeded)
	}
	rec.addDetached("MapStateSucceeded", nil)
	return mr.finish(mr.outputs(runs))
}

// tolerated reports whether the failures stay within the tolerance.
func (mr *mapRun) tolerated(runs []*branchRun) bool {
	if mr.tolCount < 0 && mr.tolPct < 0 {
		return false
	}
	failed := 0
	for _, b := range runs {
		if b.fail != nil {
			failed++
		}
	}
	if mr.tolCount >= 0 && failed > mr.tolCount {
		return false
	}
	if mr.tolPct >= 0 && len(runs) > 0 && float64(failed)*100/float64(len(runs)) > mr.tolPct {
		return false
	}
	return true
}

// failure is the error the Map state fails with.
func (mr *mapRun) failure(runs []*branchRun) *Failure {
	if mr.tolCount >= 0 || mr.tolPct >= 0 {
		return fail(ErrExceedTolerated, "The specified tolerated failure threshold was exceeded")
	}
	for _, b := range runs {
		if b.fail != nil && !b.fail.cancelled {
			return b.fail
		}
	}
	for _, b := range runs {
		if b.fail != nil {
			return b.fail
		}
	}
	return fail(ErrRuntime, "map failed")
}

func (mr *mapRun) outputs(runs []*branchRun) []any {
	out := make([]any, len(runs))
	for i, b := range runs {
		if b.fail != nil {
			out[i] = map[string]any{"Error": b.fail.Name, "Cause": b.fail.Cause}
			continue
		}
		out[i] = b.output
	}
	return out
}

func (mr *mapRun) finish(out any) (stepResult, *Failure) {
	if exceedsLimit(out) {
		return stepResult{}, dataLimit(mr.sr.n.st.Name)
	}
	if mr.sr.n.jsonata {
		return mr.sr.finishJSONata(out, true, out)
	}
	return mr.sr.finishJSONPath(out, true)
}
