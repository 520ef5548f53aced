package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns the workflow commands.
func newWorkflowCmd() *cobra.Command {
	return &cobra.Command{Use: "workflow", Short: "(not built yet)", Hidden: true}
}
