package interp

import "testing"

func TestWaitDelayTooLong(t *testing.T) {
	tests := []struct {
		name, timestamp, wantStatus string
	}{
		{name: "24855 days ahead waits", timestamp: "2094-01-02T03:04:05Z", wantStatus: string(StatusSucceeded)},
		{name: "far beyond 2^31 seconds fails", timestamp: "2200-01-01T00:00:00Z", wantStatus: string(StatusFailed)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			def := `{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.at","End":true}}}`
			res, _ := run(t, newTestInterp(t), def, `{"at":"`+tc.timestamp+`"}`)
			if string(res.Status) != tc.wantStatus {
				t.Fatalf("got %s (%s), want %s", res.Status, res.Cause, tc.wantStatus)
			}
		})
	}
}
