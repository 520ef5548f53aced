package secretkey

import "github.com/stormless/stormless/internal/datastore"

// SealItem returns kv with its Value sealed under k and bound to kv's key,
// and Encrypted set: a secret as a datastore adapter stores and lists it.
func (k *Key) SealItem(kv datastore.KeyValue) datastore.KeyValue {
	kv.Value, kv.Encrypted = k.Seal(kv.Value, itemContext(kv.Key())), true
	return kv
}

// OpenItem returns the item SealItem returned with its plain text back
// and Encrypted cleared; an item that is not encrypted comes back as it
// is. It fails with ErrDecrypt, which carries neither the value nor the
// key; callers name the item.
func (k *Key) OpenItem(kv datastore.KeyValue) (datastore.KeyValue, error) {
	if !kv.Encrypted {
		return kv, nil
	}
	plain, err := k.Open(kv.Value, itemContext(kv.Key()))
	if err != nil {
		return datastore.KeyValue{}, err
	}
	kv.Value, kv.Encrypted = plain, false
	return kv, nil
}

// itemContext binds a ciphertext to its item.
func itemContext(k datastore.Key) string {
	return string(k.Scope) + "/" + k.User + "/" + k.Name
}
