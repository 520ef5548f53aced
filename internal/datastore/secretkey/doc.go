// Package secretkey holds the key that encrypts datastore secrets at rest
// on one machine: 32 random bytes in a key file readable by its owner only,
// created on first start, and sealing with AES-256-GCM. SealItem and
// OpenItem seal a datastore item bound to its key, as the adapters store
// secrets.
package secretkey
