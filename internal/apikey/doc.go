// Package apikey holds StackStorm-style API keys: a random secret shown once
// when the key is created and stored only as its SHA-256 hash, with an ID,
// the user it acts as, its creation time, whether it is enabled and
// optional metadata. Store is the port; sqlitekeys is its SQLite adapter.
package apikey
