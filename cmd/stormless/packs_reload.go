package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// reloadTimeout bounds a packs reload request.
const reloadTimeout = 2 * time.Minute

func newPacksCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "packs",
		Short: "Act on the packs a running server has loaded",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newPacksReloadCmd())
	return cmd
}

func newPacksReloadCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reload",
		Short: "Make a running stormless up load and compile its packs again",
		Long: `Reload asks the server (POST /api/v1/packs/reload) to load its --packs
directories again and switch to them without a restart: rules, timers,
actions and workflows. When the packs have problems, the server keeps the
packs it had and each problem is printed with its file and line (exit 1).`,
		Example: `  stormless packs reload
  stormless packs reload --url http://127.0.0.1:9101 --api-key "$KEY"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return reloadPacks(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), reloadTarget(cmd))
		},
	}
	// The global --url and --api-key flags, when the root command has
	// them, are the same flags: a local flag of the same name is not added
	// twice.
	cmd.Flags().String("url", "", "base URL of the Stormless server (env STORMLESS_URL; default http://"+defaultListen+")")
	cmd.Flags().String("api-key", "", "API key sent as St2-Api-Key (env STORMLESS_API_KEY); never printed")
	return cmd
}

// target is the server a command talks to.
type target struct {
	url, key string
}

// reloadTarget reads --url and --api-key (or STORMLESS_URL and
// STORMLESS_API_KEY).
func reloadTarget(cmd *cobra.Command) target {
	t := target{url: os.Getenv("STORMLESS_URL"), key: os.Getenv("STORMLESS_API_KEY")}
	if f := cmd.Flag("url"); f != nil && f.Changed {
		t.url = f.Value.String()
	}
	if f := cmd.Flag("api-key"); f != nil && f.Changed {
		t.key = f.Value.String()
	}
	if t.url == "" {
		t.url = "http://" + defaultListen
	}
	t.url = strings.TrimRight(t.url, "/")
	return t
}

// reloadPacks posts the reload and reports its outcome.
func reloadPacks(ctx context.Context, out, errOut io.Writer, t target) error {
	ctx, cancel := context.WithTimeout(ctx, reloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url+"/api/v1/packs/reload", nil)
	if err != nil {
		return exitWith(2, fmt.Sprintf("--url %q: %v", t.url, err))
	}
	if t.key != "" {
		req.Header.Set("St2-Api-Key", t.key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return exitWith(1, fmt.Sprintf("cannot reach the Stormless server at %s (%v): start it with `stormless up`, or point --url or STORMLESS_URL at a running one", t.url, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("reading the answer of %s: %w", t.url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return reloadFailure(errOut, resp.StatusCode, body)
	}
	var ok struct {
		Packs []string `json:"packs"`
	}
	if err := json.Unmarshal(body, &ok); err != nil {
		return fmt.Errorf("decoding the answer of %s: %w", t.url, err)
	}
	fmt.Fprintf(out, "reloaded %d pack(s): %s\n", len(ok.Packs), strings.Join(ok.Packs, ", "))
	return nil
}

// reloadFailure prints the server's faultstring, one problem a line, and
// returns the exit error.
func reloadFailure(errOut io.Writer, status int, body []byte) error {
	var f struct {
		Faultstring string `json:"faultstring"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &f) == nil && f.Faultstring != "" {
		msg = f.Faultstring
	}
	switch status {
	case http.StatusBadRequest:
		if i := strings.LastIndex(msg, "reloading packs: "); i >= 0 {
			msg = msg[i+len("reloading packs: "):]
		}
		problems := strings.Split(msg, "\n")
		for _, p := range problems {
			fmt.Fprintln(errOut, p)
		}
		return exitWith(1, fmt.Sprintf("the packs have %d problem(s); the server keeps the packs it had", len(problems)))
	case http.StatusUnauthorized:
		return exitWith(1, fmt.Sprintf("%d %s: give an API key with --api-key or STORMLESS_API_KEY", status, msg))
	}
	return exitWith(1, fmt.Sprintf("reloading packs: %d %s", status, msg))
}
