package governance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	// The pure-Go SQLite driver registers itself as "sqlite"; it needs no cgo.
	_ "modernc.org/sqlite"
)

// schema creates the agents table on first open and is a no-op afterwards.
const schema = `CREATE TABLE IF NOT EXISTS agents (
	id         TEXT PRIMARY KEY NOT NULL,
	name       TEXT NOT NULL,
	status     TEXT NOT NULL,
	confidence REAL NOT NULL
)`

// SQLiteStore is a Store that keeps agents in an SQLite database file through
// the pure-Go modernc.org/sqlite driver. Close it when done.
type SQLiteStore struct {
	db     *sql.DB
	get    *sql.Stmt
	put    *sql.Stmt
	delete *sql.Stmt
	list   *sql.Stmt
}

// OpenSQLiteStore opens or creates the database at path and creates the
// agents table if it is missing. The path ":memory:" gives a private
// in-memory database that lives until Close. A path must not contain '?'.
// A file database runs in WAL mode, so SQLite keeps -wal and -shm files
// beside it while it is open.
func OpenSQLiteStore(ctx context.Context, path string) (*SQLiteStore, error) {
	if path == "" {
		return nil, errors.New("open sqlite store: empty path: pass a database file path or \":memory:\"")
	}
	if strings.Contains(path, "?") {
		return nil, fmt.Errorf("open sqlite store %s: path contains '?', which the driver reads as the start of connection options: rename the file", path)
	}

	// Connection options go in the DSN because database/sql opens several
	// connections and a PRAGMA run through db.Exec reaches only one of them.
	// busy_timeout makes a writer wait up to 5s for another connection's
	// lock instead of failing at once with SQLITE_BUSY. WAL lets readers run
	// while a write is in progress.
	dsn := path + "?_pragma=busy_timeout(5000)"
	if path != ":memory:" {
		dsn += "&_pragma=journal_mode(WAL)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	if path == ":memory:" {
		// Each connection to ":memory:" opens a separate empty database, so
		// the pool must hold exactly one.
		db.SetMaxOpenConns(1)
	}
	s, err := initSQLiteStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	return s, nil
}

// initSQLiteStore creates the schema and prepares the statements.
func initSQLiteStore(ctx context.Context, db *sql.DB) (*SQLiteStore, error) {
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return nil, fmt.Errorf("create schema: %w", err)
	}

	s := &SQLiteStore{db: db}
	statements := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.get, "SELECT id, name, status, confidence FROM agents WHERE id = ?"},
		{&s.put, `INSERT INTO agents (id, name, status, confidence) VALUES (?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name = excluded.name, status = excluded.status, confidence = excluded.confidence`},
		{&s.delete, "DELETE FROM agents WHERE id = ?"},
		{&s.list, "SELECT id, name, status, confidence FROM agents ORDER BY id"},
	}
	for _, st := range statements {
		stmt, err := db.PrepareContext(ctx, st.query)
		if err != nil {
			return nil, fmt.Errorf("prepare %q: %w", st.query, err)
		}
		*st.dst = stmt
	}
	return s, nil
}

// Close closes the prepared statements and the database.
func (s *SQLiteStore) Close() error {
	var errs []error
	for _, stmt := range []*sql.Stmt{s.get, s.put, s.delete, s.list} {
		if stmt != nil {
			errs = append(errs, stmt.Close())
		}
	}
	errs = append(errs, s.db.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close sqlite store: %w", err)
	}
	return nil
}

// Get returns the agent with the given id or an error wrapping
// ErrAgentNotFound. The status is returned as stored, in any letter case.
func (s *SQLiteStore) Get(ctx context.Context, id string) (Agent, error) {
	var a Agent
	var status string
	err := s.get.QueryRowContext(ctx, id).Scan(&a.ID, &a.Name, &status, &a.Confidence)
	if errors.Is(err, sql.ErrNoRows) {
		return Agent{}, fmt.Errorf("get agent %q: %w", id, ErrAgentNotFound)
	}
	if err != nil {
		return Agent{}, fmt.Errorf("get agent %q: %w", id, err)
	}
	a.Status = Status(status)
	return a, nil
}

// Put inserts a or replaces the agent with the same id. It rejects an empty
// id and a confidence outside [0, 1].
func (s *SQLiteStore) Put(ctx context.Context, a Agent) error {
	if err := validateForStore(a); err != nil {
		return err
	}
	if _, err := s.put.ExecContext(ctx, a.ID, a.Name, string(a.Status), a.Confidence); err != nil {
		return fmt.Errorf("put agent %q: %w", a.ID, err)
	}
	return nil
}

// Delete removes the agent with the given id or returns an error wrapping
// ErrAgentNotFound.
func (s *SQLiteStore) Delete(ctx context.Context, id string) error {
	res, err := s.delete.ExecContext(ctx, id)
	if err != nil {
		return fmt.Errorf("delete agent %q: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete agent %q: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("delete agent %q: %w", id, ErrAgentNotFound)
	}
	return nil
}

// List returns every stored agent sorted by id.
func (s *SQLiteStore) List(ctx context.Context) ([]Agent, error) {
	rows, err := s.list.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	defer rows.Close()

	var agents []Agent
	for rows.Next() {
		var a Agent
		var status string
		if err := rows.Scan(&a.ID, &a.Name, &status, &a.Confidence); err != nil {
			return nil, fmt.Errorf("list agents: %w", err)
		}
		a.Status = Status(status)
		agents = append(agents, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	return agents, nil
}
