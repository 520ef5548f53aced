package ssh

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/stormless/stormless/internal/runner"
)

// ErrNoCredentials is returned (wrapped) when neither a password nor a
// private key is given and the runner has no default key.
var ErrNoCredentials = errors.New("no password or private key to log in with")

// isKeyMaterial tells key material from a path, as StackStorm does: by
// the "PRIVATE KEY-----" marker.
func isKeyMaterial(s string) bool {
	return strings.Contains(strings.ToLower(s), "private key-----")
}

// authMethods returns how to log in: the password when given, else the
// private key (material or file), else the runner's default key.
func (r *Runner) authMethods(ctx context.Context, req runner.Request, s settings) ([]ssh.AuthMethod, error) {
	if s.password != "" {
		return []ssh.AuthMethod{ssh.Password(s.password)}, nil
	}
	key, err := r.keyMaterial(ctx, req, s)
	if err != nil {
		return nil, err
	}
	signer, err := parseKey(key, s.passphrase)
	if err != nil {
		return nil, err
	}
	return []ssh.AuthMethod{ssh.PublicKeys(signer)}, nil
}

// keyMaterial returns the private key's PEM text.
func (r *Runner) keyMaterial(ctx context.Context, req runner.Request, s settings) ([]byte, error) {
	switch {
	case isKeyMaterial(s.privateKey):
		return []byte(s.privateKey), nil
	case s.privateKey != "":
		return readKeyFile(s.privateKey)
	case r.keyFile != "":
		return readKeyFile(r.keyFile)
	case r.keyName != "" && req.Datastore != nil:
		kv, err := req.Datastore.Get(ctx, req.Key(r.keyScope, r.keyName), true)
		if err != nil {
			return nil, fmt.Errorf("reading the private key from the datastore: %w", err)
		}
		return []byte(kv.Value), nil
	}
	return nil, ErrNoCredentials
}

func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading private key file: %w", err)
	}
	return b, nil
}

func parseKey(pem []byte, passphrase string) (ssh.Signer, error) {
	var signer ssh.Signer
	var err error
	if passphrase != "" {
		signer, err = ssh.ParsePrivateKeyWithPassphrase(pem, []byte(passphrase))
	} else {
		signer, err = ssh.ParsePrivateKey(pem)
	}
	if err != nil {
		return nil, fmt.Errorf("parsing private key: %w", err)
	}
	return signer, nil
}
