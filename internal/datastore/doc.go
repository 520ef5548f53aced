// Package datastore is StackStorm's key-value datastore: items in the
// system scope or in one user's scope, optionally secret (encrypted at
// rest) and optionally expiring, and the Store port actions, rules and the
// API use to reach them.
//
// Adapters live in sub-packages: sqlitekv on one machine (secrets sealed
// with AES-GCM under a local key file, see secretkey), and on AWS an SSM
// Parameter Store adapter (secrets as SecureString). Every adapter passes
// datastoretest.Run.
//
// Secrets never leave a Store decrypted unless the caller asks for that
// one item with decrypt set: listings and errors carry only ciphertext.
package datastore
