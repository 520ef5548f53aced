package client_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/client"
)

func TestEventReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []client.Event
		retry int
	}{
		{name: "one event", in: "event: a\ndata: {\"x\":1}\n\n",
			want: []client.Event{{Name: "a", Data: []byte(`{"x":1}`)}}},
		{name: "comments, retry and heartbeats are skipped", in: "retry: 1000\n\n: keep-alive\n\nevent: a\ndata: 1\n\n",
			want: []client.Event{{Name: "a", Data: []byte("1")}}, retry: 1000},
		{name: "data lines join with newlines", in: "data: a\ndata:b\ndata:  c\n\n",
			want: []client.Event{{Name: "message", Data: []byte("a\nb\n c")}}},
		{name: "CR and CRLF end lines", in: "event: x\r\ndata: 1\r\rdata: 2\r\n\r\n",
			want: []client.Event{{Name: "x", Data: []byte("1")}, {Name: "message", Data: []byte("2")}}},
		{name: "an event cut by the end is dropped", in: "event: a\ndata: 1\n\nevent: b\ndata: 2\n",
			want: []client.Event{{Name: "a", Data: []byte("1")}}},
		{name: "id and unknown fields", in: "id: 7\nfoo: bar\ndata\ndata: z\n\n",
			want: []client.Event{{Name: "message", Data: []byte("\nz"), ID: "7"}}},
		{name: "a name without data dispatches nothing", in: "event: a\n\ndata: 1\n\n",
			want: []client.Event{{Name: "message", Data: []byte("1")}}},
		{name: "bad retry is ignored", in: "retry: 1x\n\n", retry: 0},
		{name: "the last event id carries over until reset", in: "id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n",
			want: []client.Event{{Name: "message", Data: []byte("a"), ID: "7"}, {Name: "message", Data: []byte("b"), ID: "7"},
				{Name: "message", Data: []byte("c")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := client.NewEventReader(strings.NewReader(tt.in))
			var got []client.Event
			for {
				ev, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ev)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d events %q, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i].Name != tt.want[i].Name || string(got[i].Data) != string(tt.want[i].Data) || got[i].ID != tt.want[i].ID {
					t.Errorf("event %d: got %q %q %q, want %q %q %q", i, got[i].Name, got[i].Data, got[i].ID,
						tt.want[i].Name, tt.want[i].Data, tt.want[i].ID)
				}
			}
			if r.Retry != tt.retry {
				t.Errorf("got retry %d, want %d", r.Retry, tt.retry)
			}
		})
	}
}

// FuzzEventReader checks that any input reads to the end without panicking,
// and that each event's data is what its data lines said.
func FuzzEventReader(f *testing.F) {
	f.Add("event: a\ndata: 1\n\n")
	f.Add("retry: 1000\n\n: c\r\ndata: x\r\rdata\n\n")
	f.Add("data: a\ndata: b\n\nid: \x00\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := client.NewEventReader(strings.NewReader(in))
		for i := 0; ; i++ {
			ev, err := r.Next()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Fatalf("got %v, want io.EOF at the end", err)
				}
				return
			}
			if ev.Name == "" {
				t.Fatal("got an event without a name")
			}
			if i > len(in) {
				t.Fatal("more events than bytes")
			}
			if strings.ContainsAny(string(ev.Data), "\r") {
				t.Fatalf("got data %q holding a CR, a line end", ev.Data)
			}
		}
	})
}
