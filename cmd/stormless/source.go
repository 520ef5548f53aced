package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/pack"
)

// sourceHelp is the rule every listing of pack content follows, appended to
// its help.
const sourceHelp = `
Where it reads from: with --packs, the packs on disk; else with --url (or
` + urlEnv + `), that server; else the server at ` + "http://" + defaultListen + ` when it
answers, and the packs in ./packs when it does not. When the choice was not
given, a note on stderr says which one was made.`

// packSource is where a listing of pack content reads: a server (c), or
// the packs on disk (set).
type packSource struct {
	c   *client.Client
	set *pack.Set
}

// openPackSource chooses the source as sourceHelp says.
func openPackSource(cmd *cobra.Command) (packSource, error) {
	_, explicitURL := serverURL(cmd)
	fromDisk := cmd.Flags().Changed("packs")
	if fromDisk && flagChanged(cmd, "url") {
		return packSource{}, exitWith(2, "give --packs (read packs from disk) or --url (ask a server), not both")
	}
	if fromDisk {
		return diskSource(cmd)
	}
	c, err := newClient(cmd)
	if err != nil {
		return packSource{}, err
	}
	if explicitURL {
		return packSource{c: c}, nil
	}
	if serverUp(cmd.Context(), c) {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: reading from the server at %s (--packs DIR reads packs from disk)\n", c.URL())
		return packSource{c: c}, nil
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "note: no server answers at %s; reading the packs in ./%s (--url or --packs chooses)\n", c.URL(), defaultPacksDir)
	return diskSource(cmd)
}

// diskSource loads the packs of --packs.
func diskSource(cmd *cobra.Command) (packSource, error) {
	s, err := loadPackSetForListing(cmd)
	return packSource{set: s}, err
}

// flagChanged reports whether flag name (local or inherited) was given.
func flagChanged(cmd *cobra.Command, name string) bool {
	f := cmd.Flag(name)
	return f != nil && f.Changed
}

// listFromSource prints the listing of the source openPackSource chooses:
// fromServer returns the server's items in their pack form and in the form
// the server gave (for JSON and YAML), fromDisk the packs' items; rows
// turns the items into the table.
func listFromSource[T any](cmd *cobra.Command,
	fromServer func(context.Context, *client.Client) ([]*T, any, error),
	fromDisk func(*pack.Set) []*T,
	rows func([]*T) table) error {
	src, err := openPackSource(cmd)
	if err != nil {
		return err
	}
	if src.c == nil {
		items := fromDisk(src.set)
		return printOutput(cmd, items, rows(items))
	}
	items, shown, err := fromServer(cmd.Context(), src.c)
	if err != nil {
		return serverError(err)
	}
	return printOutput(cmd, shown, rows(items))
}

// getFromSource prints item ref of the source openPackSource chooses, as
// listFromSource does; kind and listCmd word the error of an unknown ref.
func getFromSource[T any](cmd *cobra.Command, ref, kind, listCmd string,
	fromServer func(context.Context, *client.Client, string) (*T, any, error),
	fromDisk func(*pack.Set, string) (*T, bool),
	print func(cmd *cobra.Command, item *T, shown any) error) error {
	src, err := openPackSource(cmd)
	if err != nil {
		return err
	}
	if src.c == nil {
		item, ok := fromDisk(src.set, ref)
		if !ok {
			return notFound(kind, ref, listCmd)
		}
		return print(cmd, item, item)
	}
	item, shown, err := fromServer(cmd.Context(), src.c, ref)
	if client.IsNotFound(err) {
		return notFound(kind, ref, listCmd)
	}
	if err != nil {
		return serverError(err)
	}
	return print(cmd, item, shown)
}

// packOnly returns the items of packRef (all when it is empty).
func packOnly[T any](items []*T, packRef string, packOf func(*T) string) []*T {
	out := []*T{}
	for _, it := range items {
		if packRef == "" || packOf(it) == packRef {
			out = append(out, it)
		}
	}
	return out
}
