-- The key-value datastore. user is '' in the system scope; expires is
-- Unix nanoseconds, 0 when the item never expires; a secret's value is
-- its hex-encoded AES-GCM ciphertext.
CREATE TABLE kv (
    scope   TEXT NOT NULL,
    user    TEXT NOT NULL,
    name    TEXT NOT NULL,
    value   TEXT NOT NULL,
    secret  INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    PRIMARY KEY (scope, user, name)
) WITHOUT ROWID;
CREATE INDEX kv_by_expiry ON kv (expires) WHERE expires <> 0;
