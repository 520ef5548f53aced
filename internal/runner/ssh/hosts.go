package ssh

import (
	"net"
	"strconv"
	"strings"
)

// target is one host to run on: the name results are keyed by and the
// address to dial.
type target struct {
	name string
	port int
}

func (t target) addr() string { return net.JoinHostPort(t.name, strconv.Itoa(t.port)) }

// parseHosts splits StackStorm's hosts parameter ("a,b:2222,[::1]:22")
// into targets; a host without a port gets defPort. Blank entries (and
// an empty name such as "[]") are skipped and a repeated host name is kept once, as results are keyed by
// name.
func parseHosts(hosts string, defPort int) []target {
	var out []target
	seen := map[string]bool{}
	for _, h := range strings.Split(hosts, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		t := splitHostPort(h, defPort)
		if t.name != "" && !seen[t.name] {
			seen[t.name] = true
			out = append(out, t)
		}
	}
	return out
}

// splitHostPort reads "host", "host:port", "[v6]:port", "[v6]" or a bare
// IPv6 address.
func splitHostPort(h string, defPort int) target {
	if host, port, err := net.SplitHostPort(h); err == nil {
		if p, err := strconv.Atoi(port); err == nil && p > 0 && p < 65536 {
			return target{name: host, port: p}
		}
	}
	return target{name: strings.Trim(h, "[]"), port: defPort}
}
