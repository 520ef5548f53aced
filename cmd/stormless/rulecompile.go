package main

import "github.com/spf13/cobra"

// PLACEHOLDER: replaced by the helper that owns rule compile/test.
func newRuleCompileCmd() *cobra.Command {
	return &cobra.Command{Use: "compile", Short: "(not built yet)", Hidden: true}
}

// PLACEHOLDER: replaced by the helper that owns rule compile/test.
func newRuleTestCmd() *cobra.Command {
	return &cobra.Command{Use: "test", Short: "(not built yet)", Hidden: true}
}
