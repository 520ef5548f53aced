package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestInquiryAnsweredThroughAPI(t *testing.T) {
	s := newServer(t)
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "apitest.approve"})
	if code != http.StatusCreated {
		t.Fatalf("got %d %s, want 201", code, body)
	}
	var wf execution.Execution
	if err := json.Unmarshal(body, &wf); err != nil {
		t.Fatal(err)
	}
	q := waitList[execution.Inquiry](t, s, "/api/v1/inquiries", 1)[0]
	var got execution.Inquiry
	s.getJSON(t, "/api/v1/inquiries/"+q.ID, &got)
	if got.Status != execution.InquiryPending {
		t.Fatalf("got inquiry %+v, want pending", got)
	}
	steps := []struct {
		name string
		body any
		want int
	}{
		{name: "fails the schema", body: map[string]any{"response": map[string]any{"nom": "x"}}, want: http.StatusBadRequest},
		{name: "no response", body: map[string]any{}, want: http.StatusBadRequest},
		{name: "answered", body: map[string]any{"id": q.ID, "response": map[string]any{"name": "Ann"}}, want: http.StatusOK},
		{name: "answered twice", body: map[string]any{"response": map[string]any{"name": "Bob"}}, want: http.StatusConflict},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodPut, "/api/v1/inquiries/"+q.ID, st.body)
			if code != st.want {
				t.Errorf("got %d %s, want %d", code, body, st.want)
			}
		})
	}
	final := s.waitExecution(t, wf.ID)
	if final.Status != execution.StatusSucceeded || !strings.Contains(string(final.Result), "Ann") {
		t.Errorf("got %s %s, want succeeded, approved by Ann", final.Status, final.Result)
	}
	var children []execution.Execution
	s.getJSON(t, "/api/v1/executions?parent="+wf.ID, &children)
	if len(children) < 2 {
		t.Errorf("got %d task executions, want the ask and the greet", len(children))
	}
	var tree []execution.Execution
	s.getJSON(t, "/api/v1/executions/"+wf.ID+"/children?depth=-1", &tree)
	if len(tree) != len(children) || tree[0].StartTimestamp.After(tree[len(tree)-1].StartTimestamp) {
		t.Errorf("got %d children oldest first? %v; want %d", len(tree), tree, len(children))
	}
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/executions/000000000000000000000000/children", nil); code != http.StatusNotFound {
		t.Errorf("children of an unknown execution: got %d %s, want 404", code, body)
	}
}
