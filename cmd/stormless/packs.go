package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/pack"
)

// defaultPacksDir is where commands look for packs without --packs.
const defaultPacksDir = "packs"

// addPacksFlag adds --packs (repeatable) to a command that reads packs.
func addPacksFlag(cmd *cobra.Command) {
	cmd.Flags().StringArray("packs", []string{defaultPacksDir},
		"pack directory, or directory of packs, to load (repeatable)")
}

// loadPackSet loads the packs named by the command's --packs flag. Like
// pack.Load, it returns the set of everything that loaded even when the
// error is not nil; the error is then a pack.ErrorList with every problem.
func loadPackSet(cmd *cobra.Command) (*pack.Set, error) {
	dirs, err := cmd.Flags().GetStringArray("packs")
	if err != nil {
		return nil, fmt.Errorf("reading --packs: %w", err)
	}
	if len(dirs) == 0 {
		dirs = []string{defaultPacksDir}
	}
	return pack.Load(dirs...)
}

// loadPackSetForListing is loadPackSet for commands that only show packs:
// problems in the packs become a note on stderr, not a failure, as long as
// anything loaded.
func loadPackSetForListing(cmd *cobra.Command) (*pack.Set, error) {
	s, err := loadPackSet(cmd)
	var list pack.ErrorList
	switch {
	case err == nil:
		return s, nil
	case s != nil && errors.As(err, &list):
		fmt.Fprintf(cmd.ErrOrStderr(), "note: the packs have %d problem(s); run `stormless pack validate` for details\n", len(list))
		return s, nil
	default:
		return nil, err
	}
}

// notFound is the error for a get of an unknown ref.
func notFound(kind, ref, listCmd string) error {
	return exitWith(1, fmt.Sprintf("%s %q not found: `stormless %s` lists them", kind, ref, listCmd))
}

// oneLine shortens s to its first line and at most n runes for a table.
func oneLine(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-3]) + "..."
	}
	return s
}
