package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// op is one queued write. fn runs inside the group's transaction; done
// receives its outcome once the group committed. fn must return a domain
// error (see fatal) only before its first write.
type op struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx *wtx) error
	done chan error
}

// writer owns the only write connection and commits queued ops in groups.
type writer struct {
	conn     *sql.Conn
	db       *sql.DB
	tx       *wtx
	queue    chan *op
	maxBatch int
	mu       sync.RWMutex // guards closed against sends on queue
	closed   bool
	stopped  chan struct{}
	stats    counters
}

// openWriter opens the write connection, migrates and starts the loop.
func openWriter(ctx context.Context, path string, cfg config) (*writer, error) {
	db, err := sql.Open("sqlite", dsn(path, cfg, false))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err == nil {
		err = prepareFile(ctx, conn)
	}
	if err == nil {
		err = migrate(ctx, conn)
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	w := &writer{
		conn: conn, db: db, tx: newWtx(conn),
		queue: make(chan *op, 4096), maxBatch: cfg.maxBatch, stopped: make(chan struct{}),
	}
	go w.loop()
	return w, nil
}

// prepareFile puts the file in WAL mode (it stays so).
func prepareFile(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		return fmt.Errorf("setting WAL mode: %w", err)
	}
	return nil
}

// do queues fn and waits until its group committed. When ctx ends first,
// do returns ctx's error and the write may or may not be committed.
func (w *writer) do(ctx context.Context, fn func(ctx context.Context, tx *wtx) error) error {
	o := &op{ctx: ctx, fn: fn, done: make(chan error, 1)}
	if err := w.enqueue(ctx, o); err != nil {
		return err
	}
	select {
	case err := <-o.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("waiting for commit: %w", ctx.Err())
	}
}

// enqueue hands o to the loop unless the writer is closed.
func (w *writer) enqueue(ctx context.Context, o *op) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrClosed
	}
	select {
	case w.queue <- o:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queueing write: %w", ctx.Err())
	}
}

// loop commits groups until the queue is closed and drained.
func (w *writer) loop() {
	defer close(w.stopped)
	// The writer keeps one OS thread: every write of the process passes
	// through it, and at 5,000 enforcements/s it measured a lower latency
	// so (docs/performance.md, "Rule enforcement, end to end").
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	group := make([]*op, 0, w.maxBatch)
	for first := range w.queue {
		group = append(group[:0], first)
		group = w.fill(group)
		w.commit(group)
	}
}

// fill adds queued ops to group without waiting, up to maxBatch.
func (w *writer) fill(group []*op) []*op {
	for len(group) < w.maxBatch {
		select {
		case o, ok := <-w.queue:
			if !ok {
				return group
			}
			group = append(group, o)
		default:
			return group
		}
	}
	return group
}

// commit runs group in one transaction and answers every op.
func (w *writer) commit(group []*op) {
	ctx := context.Background()
	errs := make([]error, len(group))
	err := w.tx.begin(ctx)
	if err == nil {
		err = w.runAll(ctx, group, errs)
	}
	for i, o := range group {
		if err != nil && (errs[i] == nil || fatal(err)) {
			errs[i] = err
		}
		o.done <- errs[i]
	}
}

// runAll runs the group's ops and commits them; when one fails in a way
// that may have written part of it, the whole group is rolled back and
// that error is every op's. An op failing with redo is answered with its
// error and the group is run again without it.
func (w *writer) runAll(ctx context.Context, group []*op, errs []error) error {
	var dropped map[int]bool
	for i := 0; i < len(group); i++ {
		if dropped[i] {
			continue
		}
		errs[i] = w.tx.run(group[i])
		var r *redo
		if errors.As(errs[i], &r) {
			w.tx.rollback(ctx)
			if dropped == nil {
				dropped = map[int]bool{}
			}
			dropped[i] = true
			errs[i] = r.err
			if err := w.tx.begin(ctx); err != nil {
				return err
			}
			i = -1
			continue
		}
		if fatal(errs[i]) {
			w.tx.rollback(ctx)
			return errs[i]
		}
	}
	if err := w.tx.commit(ctx); err != nil {
		return err
	}
	w.stats.commits.Add(1)
	w.stats.writes.Add(uint64(len(group)))
	return nil
}

// close stops accepting writes, commits what is queued and closes the
// connection.
func (w *writer) close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	close(w.queue)
	w.mu.Unlock()
	<-w.stopped
	w.tx.closeStmts()
	return errors.Join(w.conn.Close(), w.db.Close())
}
