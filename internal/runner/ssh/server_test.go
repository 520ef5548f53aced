package ssh

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// testServer is a minimal SSH server on 127.0.0.1 that runs exec requests
// with /bin/sh, as the machine's own user, and forwards direct-tcpip
// channels (for bastion tests).
type testServer struct {
	port     int
	user     string
	password string
	key      ssh.PublicKey // the authorized client key
	ln       net.Listener
	wg       sync.WaitGroup
}

func startServer(t *testing.T, clientKey ssh.PublicKey) *testServer {
	t.Helper()
	_, hostPriv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hostSigner, err := ssh.NewSignerFromKey(hostPriv)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{port: ln.Addr().(*net.TCPAddr).Port, user: "tester", password: "s3cret-pw", key: clientKey, ln: ln}
	cfg := &ssh.ServerConfig{PasswordCallback: s.checkPassword, PublicKeyCallback: s.checkKey}
	cfg.AddHostKey(hostSigner)
	s.wg.Add(1)
	go s.serve(cfg)
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *testServer) checkPassword(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
	if c.User() == s.user && string(pw) == s.password {
		return nil, nil
	}
	return nil, errors.New("wrong password")
}

func (s *testServer) checkKey(c ssh.ConnMetadata, k ssh.PublicKey) (*ssh.Permissions, error) {
	if c.User() == s.user && s.key != nil && string(k.Marshal()) == string(s.key.Marshal()) {
		return nil, nil
	}
	return nil, errors.New("unknown key")
}

func (s *testServer) serve(cfg *ssh.ServerConfig) {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.handleConn(conn, cfg)
	}
}

func (s *testServer) handleConn(conn net.Conn, cfg *ssh.ServerConfig) {
	sc, chans, reqs, err := ssh.NewServerConn(conn, cfg)
	if err != nil {
		conn.Close()
		return
	}
	defer sc.Close()
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		switch nc.ChannelType() {
		case "session":
			go handleSession(nc)
		case "direct-tcpip":
			go handleDirect(nc)
		default:
			_ = nc.Reject(ssh.UnknownChannelType, "unsupported")
		}
	}
}

func handleSession(nc ssh.NewChannel) {
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	var cmd *exec.Cmd
	exited := make(chan struct{})
	for req := range reqs {
		switch req.Type {
		case "exec":
			var p struct{ Command string }
			if ssh.Unmarshal(req.Payload, &p) != nil || cmd != nil {
				_ = req.Reply(false, nil)
				continue
			}
			cmd = startCommand(ch, p.Command, exited)
			_ = req.Reply(cmd != nil, nil)
		case "signal":
			kill(cmd)
		default:
			_ = req.Reply(false, nil)
		}
	}
	kill(cmd) // the client closed the channel
}

// startCommand runs command with ch as stdio and reports its exit status
// on ch when it ends.
func startCommand(ch ssh.Channel, command string, exited chan struct{}) *exec.Cmd {
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = ch, ch, ch.Stderr()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return nil
	}
	go func() {
		defer close(exited)
		_ = cmd.Wait()
		status := make([]byte, 4)
		binary.BigEndian.PutUint32(status, uint32(cmd.ProcessState.ExitCode()))
		_, _ = ch.SendRequest("exit-status", false, status)
		ch.Close()
	}()
	return cmd
}

func kill(cmd *exec.Cmd) {
	if cmd != nil && cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

func handleDirect(nc ssh.NewChannel) {
	var p struct {
		Host     string
		Port     uint32
		OrigHost string
		OrigPort uint32
	}
	if err := ssh.Unmarshal(nc.ExtraData(), &p); err != nil {
		_ = nc.Reject(ssh.ConnectionFailed, "bad payload")
		return
	}
	conn, err := net.Dial("tcp", net.JoinHostPort(p.Host, strconv.Itoa(int(p.Port))))
	if err != nil {
		_ = nc.Reject(ssh.ConnectionFailed, err.Error())
		return
	}
	ch, reqs, err := nc.Accept()
	if err != nil {
		conn.Close()
		return
	}
	go ssh.DiscardRequests(reqs)
	go func() { _, _ = io.Copy(conn, ch); conn.Close() }()
	_, _ = io.Copy(ch, conn)
	ch.Close()
}

// clientKey returns a new client key: its PEM (encrypted when passphrase
// is set) and its public half.
func clientKey(t *testing.T, passphrase string) (string, ssh.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var block *pem.Block
	if passphrase != "" {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "test", []byte(passphrase))
	} else {
		block, err = ssh.MarshalPrivateKey(priv, "test")
	}
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(block)), sshPub
}
