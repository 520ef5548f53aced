package ssh

import "testing"

func FuzzParseHosts(f *testing.F) {
	f.Add("a,b:2222,[::1]:22")
	f.Add(" , ::1 ,host:0,host:99999,[v6")
	f.Fuzz(func(t *testing.T, hosts string) {
		seen := map[string]bool{}
		for _, tg := range parseHosts(hosts, 22) {
			if tg.name == "" {
				t.Fatalf("empty host name from %q", hosts)
			}
			if tg.port < 1 || tg.port > 65535 {
				t.Fatalf("port %d out of range from %q", tg.port, hosts)
			}
			if seen[tg.name] {
				t.Fatalf("host %q twice from %q", tg.name, hosts)
			}
			seen[tg.name] = true
		}
	})
}
