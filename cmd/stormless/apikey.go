package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
)

// apiKeysFile is the name of the API key store in the data directory.
const apiKeysFile = "apikeys.db"

func newAPIKeyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "apikey",
		Short: "Create, list and delete the API keys stormless up accepts",
		Long: `API keys authenticate requests to the REST API (header St2-Api-Key, or the
st2-api-key query parameter). Only a hash of each key is stored, in
apikeys.db in the data directory. Once a key exists, stormless up requires
keys.

Where these commands work: with --data-dir, on that directory's key store
directly (also while stormless up runs; the way to create the first key of a
server that requires keys); else with --url (or ` + urlEnv + `), on that
server (/api/v1/apikeys; a key manages its own user's keys); else on the
server at http://` + defaultListen + ` when it answers, and on ./` + defaultDataDir + ` when
it does not. When the choice was not given, a note on stderr says which one
was made.`,
	}
	cmd.PersistentFlags().String("data-dir", defaultDataDir, "directory of the API key store")
	cmd.AddCommand(newAPIKeyCreateCmd(), newAPIKeyListCmd(), newAPIKeyDeleteCmd())
	return cmd
}

func newAPIKeyCreateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "create",
		Short:   "Create an API key and print it once",
		Example: "  stormless apikey create --user ann",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			user, _ := cmd.Flags().GetString("user")
			c, err := apiKeyServer(cmd)
			if err != nil || c != nil {
				return firstErr(err, func() error { return createServerKey(cmd, c) })
			}
			return withKeyStore(cmd, true, func(ctx context.Context, s *sqlitekeys.Store) error {
				k, secret, err := s.Create(ctx, user, nil)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\n", secret)
				fmt.Fprintf(cmd.ErrOrStderr(), "Created API key %s for %s. Keep it now: it is stored hashed and cannot be shown again.\n", k.ID, k.User)
				return nil
			})
		},
	}
	cmd.Flags().String("user", api.DefaultUser, "user the key acts as")
	return cmd
}

func newAPIKeyListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List API keys (never the keys themselves)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := apiKeyServer(cmd)
			if err != nil || c != nil {
				return firstErr(err, func() error { return listServerKeys(cmd, c) })
			}
			return withKeyStore(cmd, false, func(ctx context.Context, s *sqlitekeys.Store) error {
				keys, err := s.List(ctx)
				if err != nil {
					return err
				}
				return printOutput(cmd, keys, keyTable(keys))
			})
		},
	}
	addOutputFlag(cmd)
	return cmd
}

// keyTable is the table form of keys.
func keyTable(keys []apikey.Key) table {
	t := table{header: []string{"ID", "USER", "CREATED", "ENABLED"}}
	for _, k := range keys {
		t.rows = append(t.rows, []string{k.ID, k.User, k.CreatedAt.Format(time.RFC3339), fmt.Sprint(k.Enabled)})
	}
	return t
}

func newAPIKeyDeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an API key; requests with it are refused from then on",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := apiKeyServer(cmd)
			if err != nil || c != nil {
				return firstErr(err, func() error { return deleteServerKey(cmd, c, args[0]) })
			}
			return withKeyStore(cmd, false, func(ctx context.Context, s *sqlitekeys.Store) error {
				err := s.Delete(ctx, args[0])
				if errors.Is(err, apikey.ErrNotFound) {
					return exitWith(1, fmt.Sprintf("no API key %s", args[0]))
				}
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "Deleted API key %s\n", args[0])
				}
				return err
			})
		},
	}
}

// withKeyStore opens the key store of --data-dir (creating the directory
// when create is set), runs f and closes the store.
func withKeyStore(cmd *cobra.Command, create bool, f func(context.Context, *sqlitekeys.Store) error) error {
	dir, err := cmd.Flags().GetString("data-dir")
	if err != nil {
		return fmt.Errorf("reading --data-dir: %w", err)
	}
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("creating data directory: %w", err)
		}
	} else if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return exitWith(1, fmt.Sprintf("no data directory %s: pass --data-dir, or create a key first with stormless apikey create", dir))
	}
	s, err := sqlitekeys.Open(cmd.Context(), filepath.Join(dir, apiKeysFile))
	if err != nil {
		return err
	}
	return errors.Join(f(cmd.Context(), s), s.Close())
}
