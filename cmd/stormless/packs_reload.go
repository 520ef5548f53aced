package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
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
	return &cobra.Command{
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
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				return reloadPacks(ctx, cmd.OutOrStdout(), cmd.ErrOrStderr(), c)
			})
		},
	}
}

// reloadPacks asks the server to reload and reports the outcome; packs
// with problems are printed one a line.
func reloadPacks(ctx context.Context, out, errOut io.Writer, c *client.Client) error {
	ctx, cancel := context.WithTimeout(ctx, reloadTimeout)
	defer cancel()
	packs, err := c.ReloadPacks(ctx)
	var apiErr *client.Error
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest {
		problems := reloadProblems(apiErr.Fault)
		for _, p := range problems {
			fmt.Fprintln(errOut, p)
		}
		return exitWith(1, fmt.Sprintf("the packs have %d problem(s); the server keeps the packs it had", len(problems)))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "reloaded %d pack(s): %s\n", len(packs), strings.Join(packs, ", "))
	return nil
}

// reloadProblems splits the server's fault into the located problems, one
// a line, dropping the prefix that says what failed.
func reloadProblems(fault string) []string {
	if i := strings.LastIndex(fault, "reloading packs: "); i >= 0 {
		fault = fault[i+len("reloading packs: "):]
	}
	return strings.Split(strings.TrimSpace(fault), "\n")
}
