package main

import (
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
