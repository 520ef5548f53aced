package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newActionCmd() *cobra.Command {
	return &cobra.Command{Use: "action", Short: "(not built yet)", Hidden: true}
}
