package sqlitestore

import (
	"context"
	"database/sql"
	"time"
)

// checkpointer copies the write-ahead log into the database file from its
// own connection, so that the writer never stalls on a checkpoint's
// fsyncs. The writer's automatic checkpoint is off (wal_autocheckpoint=0).
type checkpointer struct {
	db   *sql.DB
	stop chan struct{}
	done chan struct{}
}

// startCheckpointer runs a passive checkpoint every interval until stopped.
func startCheckpointer(db *sql.DB, interval time.Duration) *checkpointer {
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop(interval)
	return c
}

// loop checkpoints on every tick.
func (c *checkpointer) loop(interval time.Duration) {
	defer close(c.done)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			// A failed passive checkpoint is retried on the next tick.
			_, _ = c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// close stops the loop and runs a last checkpoint that also truncates the
// log.
func (c *checkpointer) close() {
	close(c.stop)
	<-c.done
	_, _ = c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)")
}
