package ssh

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/stormless/stormless/internal/runner/shell"
)

// upload is a script and its lib/ directory copied to dir on each host,
// as StackStorm copies them before running the script and removes dir
// after.
type upload struct {
	dir, local, libs string
}

// copy creates dir on the host and unpacks the script (mode 0744) and
// lib/ into it with tar over one SSH session.
func (u *upload) copy(ctx context.Context, client *ssh.Client) error {
	archive, err := u.archive()
	if err != nil {
		return err
	}
	d := shell.Quote(u.dir)
	return run(ctx, client, "mkdir -p "+d+" && tar -xf - -C "+d, bytes.NewReader(archive))
}

// cleanup removes dir from the host; failures are ignored, as in
// StackStorm.
func (u *upload) cleanup(client *ssh.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = run(ctx, client, "rm -rf "+shell.Quote(u.dir), nil)
}

// archive is the tar stream of the script and the lib/ tree.
func (u *upload) archive() ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := addFile(tw, u.local, filepath.Base(u.local), 0o744); err != nil {
		return nil, err
	}
	if st, err := os.Stat(u.libs); err == nil && st.IsDir() {
		if err := addTree(tw, u.libs, "lib"); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("packing script: %w", err)
	}
	return buf.Bytes(), nil
}

func addTree(tw *tar.Writer, root, prefix string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return addFile(tw, p, filepath.ToSlash(filepath.Join(prefix, rel)), int64(info.Mode().Perm()))
	})
}

func addFile(tw *tar.Writer, local, name string, mode int64) error {
	b, err := os.ReadFile(local)
	if err != nil {
		return fmt.Errorf("reading %s: %w", local, err)
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(b)), Typeflag: tar.TypeReg, ModTime: time.Now()}); err != nil {
		return fmt.Errorf("packing %s: %w", name, err)
	}
	if _, err := tw.Write(b); err != nil {
		return fmt.Errorf("packing %s: %w", name, err)
	}
	return nil
}

// run runs a helper command on client and fails unless it exits 0.
func run(ctx context.Context, client *ssh.Client, cmd string, stdin *bytes.Reader) error {
	sess, err := client.NewSession()
	if err != nil {
		return fmt.Errorf("opening session: %w", err)
	}
	defer sess.Close()
	if stdin != nil {
		sess.Stdin = stdin
	}
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	stop := context.AfterFunc(ctx, func() { sess.Close() })
	defer stop()
	if err := sess.Run(cmd); err != nil {
		return fmt.Errorf("running %q: %w: %s", cmd, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}
