package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newPackCmd() *cobra.Command {
	return &cobra.Command{Use: "pack", Short: "(not built yet)", Hidden: true}
}
