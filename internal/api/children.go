package api

import (
	"context"
	"net/http"

	"github.com/stormless/stormless/internal/execution"
)

// maxChildren bounds the executions one children request returns.
const maxChildren = 10000

// getChildren serves GET /api/v1/executions/{id}/children: the task
// executions of a workflow execution, depth levels down (1 by default, -1
// for every level), parents before their children.
func (h *Handler) getChildren(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	depth, err := intParam(r.URL.Query(), "depth", 1, -1, 1000)
	if err != nil {
		writeError(w, err)
		return
	}
	if _, err := h.store.GetExecution(r.Context(), id); err != nil {
		writeError(w, errorf("getting execution %s: %w", id, err))
		return
	}
	out := []execution.Execution{}
	if err := h.collectChildren(r.Context(), id, depth, &out); err != nil {
		writeError(w, errorf("listing children of %s: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// collectChildren appends the children of id, and theirs while depth
// allows, oldest first.
func (h *Handler) collectChildren(ctx context.Context, id string, depth int, out *[]execution.Execution) error {
	if depth == 0 {
		return nil
	}
	q := execution.ExecutionQuery{Parent: id, PageQuery: execution.PageQuery{Limit: execution.MaxLimit}}
	for {
		page, err := h.store.ListExecutions(ctx, q)
		if err != nil {
			return err
		}
		for i := len(page.Items) - 1; i >= 0 && len(*out) < maxChildren; i-- {
			*out = append(*out, page.Items[i])
			if err := h.collectChildren(ctx, page.Items[i].ID, depth-1, out); err != nil {
				return err
			}
		}
		if q.Token = page.Next; q.Token == "" || len(*out) >= maxChildren {
			return nil
		}
	}
}
