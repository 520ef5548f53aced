package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns this command group.
func newRuleCmd() *cobra.Command {
	return &cobra.Command{Use: "rule", Short: "(not built yet)", Hidden: true}
}
