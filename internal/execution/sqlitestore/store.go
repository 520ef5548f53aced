package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/stormless/stormless/internal/execution"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ execution.Store = (*Store)(nil)

// ErrClosed is returned (wrapped) by every method of a closed Store.
var ErrClosed = errors.New("store closed")

// Store is the audit trail in one SQLite file. It is safe for concurrent
// use by many goroutines; other processes may read the file, but only one
// Store should write it at a time.
type Store struct {
	w       *writer
	db      *sql.DB // read-only pool
	ckpt    *checkpointer
	stmts   sync.Map
	closeMu sync.Once
}

// Open opens (creating it when missing) the database file at path,
// applies pending migrations and starts the writer. It fails when the file
// cannot be opened or its schema is newer than this build's.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	cfg := defaults()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	w, err := openWriter(ctx, path, cfg)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, cfg, true))
	if err != nil {
		w.close()
		return nil, fmt.Errorf("opening readers of %s: %w", path, err)
	}
	db.SetMaxOpenConns(cfg.readers)
	db.SetMaxIdleConns(cfg.readers)
	ckdb, err := sql.Open("sqlite", dsn(path, cfg, false))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("opening checkpointer of %s: %w", path, err), w.close(), db.Close())
	}
	ckdb.SetMaxOpenConns(1)
	return &Store{w: w, db: db, ckpt: startCheckpointer(ckdb, cfg.checkpointEvery)}, nil
}

// dsn returns the data source name of path with the connection pragmas.
func dsn(path string, cfg config, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", cfg.busyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous("+cfg.synchronous+")")
	if readOnly {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "query_only(1)")
	} else {
		// Savepoints' sub-journals stay in memory; the writer checkpoints
		// nothing itself (see checkpointer).
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-16384)")
		q.Add("_pragma", "wal_autocheckpoint(0)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close waits for queued writes to commit, then closes the database.
// Methods called after Close fail with ErrClosed. Close is idempotent.
func (s *Store) Close() error {
	var err error
	s.closeMu.Do(func() {
		werr := s.w.close()
		s.ckpt.close()
		err = errors.Join(werr, s.db.Close(), s.ckpt.db.Close())
	})
	return err
}

// stmt returns the prepared read statement for query, preparing it once.
func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("preparing query: %w", err)
	}
	if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}
