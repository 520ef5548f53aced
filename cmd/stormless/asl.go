package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newASLCmd() *cobra.Command {
	return &cobra.Command{Use: "asl", Short: "(not built yet)", Hidden: true}
}
