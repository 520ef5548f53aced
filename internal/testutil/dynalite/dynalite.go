// Package dynalite starts a DynamoDB-compatible server (npm dynalite,
// installed into .tools by `make tools`) on a free loopback port for
// tests, and makes aws-sdk-go-v2 clients for it.
//
// When .tools/node_modules/dynalite is missing, Start fails the test
// saying to run `make tools`, unless STORMLESS_SKIP_DYNALITE=1, which
// skips it instead and says so.
package dynalite

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Server is a running dynalite.
type Server struct {
	// Endpoint is its base URL, http://127.0.0.1:PORT.
	Endpoint string
}

// SkipEnv is the environment variable that turns a missing dynalite into
// a skip.
const SkipEnv = "STORMLESS_SKIP_DYNALITE"

// cliPath returns the path of dynalite's cli.js under the module root.
func cliPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, ".tools", "node_modules", "dynalite", "cli.js"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("finding the module root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Start starts dynalite in memory on a free loopback port and stops it
// when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	cli, err := cliPath()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cli); err != nil {
		if os.Getenv(SkipEnv) == "1" {
			t.Skipf("dynalite is not installed (%s missing) and %s=1: skipping the DynamoDB tests", cli, SkipEnv)
		}
		t.Fatalf("dynalite is not installed (%s missing): run `make tools` (or set %s=1 to skip the DynamoDB tests)", cli, SkipEnv)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("dynalite needs node on PATH: %v", err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, cli, "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--createTableMs", "0",
		"--deleteTableMs", "0", "--updateTableMs", "0")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dynalite: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dynalite did not listen on %s within 15 s: %v; its output: %s", addr, err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return &Server{Endpoint: "http://" + addr}
}

// freePort returns a loopback port nothing listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Client returns a DynamoDB client for the server, with static test
// credentials.
func (s *Server) Client() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(s.Endpoint),
		Region:       "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test", Source: "dynalite"}, nil
		}),
	})
}

var tables atomic.Int64

// TableName returns a table name unique in this process.
func TableName(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, os.Getpid(), tables.Add(1))
}
