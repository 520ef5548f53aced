package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newPatternCmd() *cobra.Command {
	return &cobra.Command{Use: "pattern", Short: "(not built yet)", Hidden: true}
}
