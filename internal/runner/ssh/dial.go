package ssh

import (
	"context"
	"fmt"
	"net"

	"golang.org/x/crypto/ssh"
)

// dial connects to t, through the bastion host when one is given (with the
// same credentials, as StackStorm does).
func (j *job) dial(ctx context.Context, t target) (*ssh.Client, error) {
	if j.s.bastion == "" {
		return j.dialDirect(ctx, t)
	}
	bastion, err := j.dialDirect(ctx, splitHostPort(j.s.bastion, 22))
	if err != nil {
		return nil, fmt.Errorf("connecting to bastion host: %w", err)
	}
	conn, err := bastion.DialContext(ctx, "tcp", t.addr())
	if err != nil {
		bastion.Close()
		return nil, fmt.Errorf("dialing %s through the bastion host: %w", t.addr(), err)
	}
	c, err := handshake(ctx, conn, t.addr(), j.config)
	if err != nil {
		bastion.Close()
		return nil, err
	}
	go func() { _ = c.Wait(); bastion.Close() }()
	return c, nil
}

func (j *job) dialDirect(ctx context.Context, t target) (*ssh.Client, error) {
	conn, err := (&net.Dialer{Timeout: j.config.Timeout}).DialContext(ctx, "tcp", t.addr())
	if err != nil {
		return nil, fmt.Errorf("dialing %s: %w", t.addr(), err)
	}
	return handshake(ctx, conn, t.addr(), j.config)
}

// handshake runs the SSH handshake on conn, giving up when ctx is done.
func handshake(ctx context.Context, conn net.Conn, addr string, config *ssh.ClientConfig) (*ssh.Client, error) {
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, config)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("logging in to %s: %w", addr, err)
	}
	return ssh.NewClient(c, chans, reqs), nil
}
