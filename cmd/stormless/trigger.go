package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newTriggerCmd() *cobra.Command {
	return &cobra.Command{Use: "trigger", Short: "(not built yet)", Hidden: true}
}
