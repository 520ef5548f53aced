package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/pack"
)

// completionTimeout bounds the server request behind a completion, so that
// pressing Tab never hangs.
const completionTimeout = 500 * time.Millisecond

// completeActionRefs completes the first argument with action refs: the
// server's (as --url or the default names it) when it answers, else those
// of the packs on disk (--packs, default ./packs). Cobra's completion
// command (stormless completion bash|zsh|fish|powershell) wires it into
// the shell.
func completeActionRefs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	var refs []string
	if !flagChanged(cmd, "packs") {
		refs = serverActionRefs(cmd)
	}
	if refs == nil {
		refs = diskActionRefs(cmd)
	}
	var out []string
	for _, r := range refs {
		if strings.HasPrefix(r, toComplete) {
			out = append(out, r)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// serverActionRefs returns the server's action refs; nil when it does not
// answer in time.
func serverActionRefs(cmd *cobra.Command) []string {
	c, err := newClient(cmd)
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
	defer cancel()
	actions, err := c.Actions(ctx, "")
	if err != nil {
		return nil
	}
	refs := []string{}
	for _, a := range actions {
		refs = append(refs, a.Ref)
	}
	return refs
}

// diskActionRefs returns the action refs of the packs of --packs (./packs
// for a command without it).
func diskActionRefs(cmd *cobra.Command) []string {
	dirs := []string{defaultPacksDir}
	if cmd.Flags().Lookup("packs") != nil {
		dirs, _ = cmd.Flags().GetStringArray("packs")
	}
	s, _ := pack.Load(dirs...)
	if s == nil {
		return nil
	}
	var refs []string
	for _, a := range s.Actions() {
		refs = append(refs, a.Ref)
	}
	return refs
}

// completeExecutionIDs completes execution ids with the server's newest
// executions, each described by its action and status: the first argument,
// or every one of a command taking several ids.
func completeExecutionIDs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 && !strings.HasSuffix(cmd.Use, "ID...") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	c, err := newClient(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
	defer cancel()
	page, err := c.Executions(ctx, client.ExecutionFilter{ExcludeResult: true, Paging: client.Paging{Limit: completionLimit}})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, e := range page.Items {
		if strings.HasPrefix(e.ID, toComplete) {
			out = append(out, e.ID+"\t"+e.Action.Ref+" "+string(e.Status))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completionLimit is how many executions completion offers.
const completionLimit = 30
