package interp

import "context"

// sequential runs an inline Map with MaxConcurrency 1: one iteration after
// the other, each recorded as it ends, so event ids inside iterations (and
// the "entered at the event id" of their errors) are the ones AWS gives.
func (mr *mapRun) sequential(ctx context.Context) (stepResult, *Failure) {
	rec := mr.sr.th.rec
	name := mr.sr.n.st.Name
	runs := make([]*branchRun, 0, len(mr.items))
	var lastSucceeded int64
	for i, item := range mr.items {
		rec.add("MapIterationStarted", &MapIterationDetails{Name: name, Index: i})
		b := &branchRun{th: mr.sr.th.child(false)}
		b.th.rec.base = rec.base + rec.lastID()
		b.th.mapItem = &mapItem{index: i, value: item}
		b.output, b.fail = mr.runItem(ctx, b.th, i)
		runs = append(runs, b)
		rec.merge(b.th.rec)
		if b.fail == nil {
			lastSucceeded = rec.addDetached("MapIterationSucceeded", &MapIterationDetails{Name: name, Index: i})
			continue
		}
		rec.addDetached("MapIterationFailed", &MapIterationDetails{Name: name, Index: i})
		if b.fail.cancelled || !mr.tolerated(runs) {
			rec.add("MapStateFailed", nil)
			return stepResult{}, mr.failure(runs)
		}
	}
	if lastSucceeded > 0 {
		rec.setCursor(lastSucceeded)
	}
	rec.addDetached("MapStateSucceeded", nil)
	return mr.finish(mr.outputs(runs))
}
