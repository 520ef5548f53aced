// Package sqlitekv is the datastore.Store port on an embedded SQLite file:
// the key-value datastore of the local runtime. Secret values are sealed
// with AES-256-GCM under a secretkey.Key, bound to their item's scope,
// user and name, before they reach the file; they are decrypted only by
// Get with decrypt set. Expired items are invisible at once and deleted on
// later writes. The schema is versioned by the SQL files under
// migrations/, recorded in the kv_schema_version table, so the file may be
// shared with other stores.
package sqlitekv
