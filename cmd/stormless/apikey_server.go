package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/client"
)

// apiKeyServer chooses where the apikey commands work, as their help says:
// a client of the server, or nil for the key store of the data directory.
func apiKeyServer(cmd *cobra.Command) (*client.Client, error) {
	_, explicitURL := serverURL(cmd)
	offline := flagChanged(cmd, "data-dir")
	if offline && flagChanged(cmd, "url") {
		return nil, exitWith(2, "give --data-dir (the key store on disk) or --url (a server), not both")
	}
	if offline {
		return nil, nil
	}
	c, err := newClient(cmd)
	if err != nil || explicitURL {
		return c, err
	}
	if serverUp(cmd.Context(), c) {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: managing the keys of the server at %s (--data-dir DIR works on a key store directly)\n", c.URL())
		return c, nil
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "note: no server answers at %s; working on the key store in ./%s (--url or --data-dir chooses)\n", c.URL(), defaultDataDir)
	return nil, nil
}

// createServerKey creates a key on the server; --user only when given (the
// caller's user otherwise).
func createServerKey(cmd *cobra.Command, c *client.Client) error {
	user := ""
	if flagChanged(cmd, "user") {
		user, _ = cmd.Flags().GetString("user")
	}
	k, err := c.CreateAPIKey(cmd.Context(), user)
	if err != nil {
		return serverError(err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s\n", k.Key)
	fmt.Fprintf(cmd.ErrOrStderr(), "Created API key %s for %s on %s. Keep it now: it is stored hashed and cannot be shown again.\n", k.ID, k.User, c.URL())
	return nil
}

// listServerKeys lists the server's keys the caller may see.
func listServerKeys(cmd *cobra.Command, c *client.Client) error {
	keys, err := c.APIKeys(cmd.Context())
	if err != nil {
		return serverError(err)
	}
	shown := make([]apikey.Key, len(keys))
	for i, k := range keys {
		shown[i] = apikey.Key{ID: k.ID, User: k.User, CreatedAt: k.CreatedAt, Enabled: k.Enabled, Metadata: k.Metadata}
	}
	return printOutput(cmd, shown, keyTable(shown))
}

// deleteServerKey deletes key id on the server.
func deleteServerKey(cmd *cobra.Command, c *client.Client, id string) error {
	err := c.DeleteAPIKey(cmd.Context(), id)
	if client.IsNotFound(err) {
		return exitWith(1, fmt.Sprintf("no API key %s on %s", id, c.URL()))
	}
	if err != nil {
		return serverError(err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Deleted API key %s\n", id)
	return nil
}
