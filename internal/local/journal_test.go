package local

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

func TestJournalRotatesAndRemovesDoneFiles(t *testing.T) {
	dir := t.TempDir()
	j, err := openJournal(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	j.max = 1 // every append fills the file
	var ids []string
	for i := range 3 {
		ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "u"}, map[string]any{"i": i})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := ev.TriggerDetail()
		ids = append(ids, d.ID)
		if err := j.append([]string{d.ID}, []bus.Event{ev}); err != nil {
			t.Fatal(err)
		}
	}
	files := func() int {
		m, _ := filepath.Glob(filepath.Join(dir, journalPrefix+"*"))
		return len(m)
	}
	if got, want := files(), 4; got != want {
		t.Fatalf("got %d journal files, want %d (three full, one current)", got, want)
	}
	j.done(ids[1])
	if got, want := files(), 3; got != want {
		t.Errorf("got %d journal files after one event is done, want %d", got, want)
	}
	j.close()
	again, err := openJournal(dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer again.close()
	evs, err := again.recovered()
	if err != nil || len(evs) != 2 {
		t.Errorf("got %d recovered events (%v), want the 2 not done", len(evs), err)
	}
}
