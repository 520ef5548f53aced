package main

import (
	"context"
	"testing"
	"time"
)

// upServer is a stormless up serving for one test.
type upServer struct {
	base        string
	out, errOut *syncBuffer
	cancel      context.CancelFunc
	done        chan error
}

// startUp runs serveUp with cfg (its listen address set to a free
// loopback port) and returns once it serves; it is stopped at the end of
// the test unless stop was called.
func startUp(t *testing.T, cfg upConfig) *upServer {
	t.Helper()
	cfg.listen = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(t.Context())
	s := &upServer{out: &syncBuffer{}, errOut: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	urls := make(chan string, 1)
	go func() { s.done <- serveUp(ctx, s.out, s.errOut, cfg, func(u string) { urls <- u }) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	select {
	case s.base = <-urls:
	case err := <-s.done:
		s.done <- err
		t.Fatalf("up ended before serving: %v (%s)", err, s.errOut.String())
	}
	return s
}

// stop shuts s down as a signal would and fails the test unless it ends
// cleanly within ten seconds.
func (s *upServer) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err
		if err != nil {
			t.Errorf("got %v on shutdown, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("up did not shut down")
	}
}
