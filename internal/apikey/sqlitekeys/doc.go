// Package sqlitekeys stores API keys (apikey.Store) in a SQLite file,
// in WAL mode with a busy timeout so that the CLI can change keys while
// stormless up serves them. Only SHA-256 hashes of keys are written.
package sqlitekeys
