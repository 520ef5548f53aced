package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/datastore"
)

func newKeyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "key",
		Aliases: []string{"keys"},
		Short:   "Get, set, list and delete key-value pairs in the server's datastore",
		Long: `The datastore holds the values actions and rules read as {{ st2kv.system.NAME }}
and {{ st2kv.user.NAME }}. --encrypt stores a value encrypted; it is shown
decrypted only with --decrypt. Scope is st2kv.system (the default) or
st2kv.user (the caller's own).`,
	}
	cmd.PersistentFlags().String("scope", "", "st2kv.system or st2kv.user (system, user); list: both when not given")
	cmd.PersistentFlags().String("user", "", "in user scope, the user whose pair it is (the caller's by default)")
	cmd.AddCommand(newKeyGetCmd(), newKeySetCmd(), newKeyListCmd(), newKeyDeleteCmd())
	return cmd
}

// keyRef reads the pair name names and --scope and --user.
func keyRef(cmd *cobra.Command, name string) client.KeyRef {
	scope, _ := cmd.Flags().GetString("scope")
	user, _ := cmd.Flags().GetString("user")
	return client.KeyRef{Name: name, Scope: scope, User: user}
}

// kvTable lists key-value pairs; an encrypted value is not shown.
func kvTable(items []datastore.KeyValue) table {
	t := table{header: []string{"name", "value", "secret", "scope", "user", "expires"}}
	for _, kv := range items {
		value := oneLine(kv.Value, 60)
		if kv.Encrypted {
			value = "(encrypted; --decrypt shows it)"
		}
		t.rows = append(t.rows, []string{kv.Name, value, fmt.Sprint(kv.Secret), string(kv.Scope), kv.User, timeText(kv.ExpireTimestamp)})
	}
	return t
}

func newKeyGetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get NAME",
		Short: "Show one key-value pair",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			decrypt, _ := cmd.Flags().GetBool("decrypt")
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				kv, err := c.Key(ctx, keyRef(cmd, args[0]), decrypt)
				if err != nil {
					return err
				}
				return printOutput(cmd, kv, kvTable([]datastore.KeyValue{kv}))
			})
		},
	}
	cmd.Flags().Bool("decrypt", false, "show an encrypted value in plain text")
	addOutputFlag(cmd)
	return cmd
}

func newKeySetCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "set NAME VALUE|-",
		Short: "Create or replace a key-value pair",
		Long: `Create or replace a key-value pair. A VALUE of - reads the value from
standard input (all of it, less one trailing newline), so that a secret
stays out of the shell history and the process list; a value that is
itself "-" is given that way too.`,
		Example: "  stormless key set api_token - --encrypt < token.txt\n  pass show api | stormless key set api_token - --encrypt\n  stormless key set greeting hello --ttl 3600",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			secret, _ := cmd.Flags().GetBool("encrypt")
			ttl, _ := cmd.Flags().GetInt("ttl")
			if ttl < 0 {
				return exitWith(2, "--ttl must not be negative")
			}
			value, err := keyValue(cmd, args[1])
			if err != nil {
				return err
			}
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				kv, err := c.SetKey(ctx, keyRef(cmd, args[0]), value, client.SetKeyOptions{Secret: secret, TTL: ttl})
				if err != nil {
					return err
				}
				return printOutput(cmd, kv, kvTable([]datastore.KeyValue{kv}))
			})
		},
	}
	cmd.Flags().Bool("encrypt", false, "store the value encrypted (a secret)")
	cmd.Flags().Int("ttl", 0, "expire the pair after this many seconds (0: never)")
	addOutputFlag(cmd)
	return cmd
}

// maxStdinValue bounds a value read from standard input (the server
// refuses larger bodies anyway).
const maxStdinValue = 1 << 20

// keyValue returns the value arg gives: arg itself, or for "-" standard
// input less one trailing newline ("\n" or "\r\n"). At a terminal it
// says first that it reads until end of input.
func keyValue(cmd *cobra.Command, arg string) (string, error) {
	if arg != "-" {
		return arg, nil
	}
	in := cmd.InOrStdin()
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintln(cmd.ErrOrStderr(), "reading the value from standard input; end it with Ctrl-D")
		}
	}
	b, err := io.ReadAll(io.LimitReader(in, maxStdinValue+1))
	if err != nil {
		return "", fmt.Errorf("reading the value from standard input: %w", err)
	}
	if len(b) > maxStdinValue {
		return "", exitWith(2, fmt.Sprintf("the value on standard input is larger than %d bytes", maxStdinValue))
	}
	if !utf8.Valid(b) {
		return "", exitWith(2, "the value on standard input is not UTF-8 text")
	}
	v := string(b)
	if t, ok := strings.CutSuffix(v, "\r\n"); ok {
		return t, nil
	}
	return strings.TrimSuffix(v, "\n"), nil
}

func newKeyListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List key-value pairs by name",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := client.KeyFilter{}
			f.Limit, _ = cmd.Flags().GetInt("limit")
			f.Marker, _ = cmd.Flags().GetString("marker")
			if f.Limit < 1 {
				return usageError(cmd, fmt.Errorf("--limit must be at least 1"))
			}
			f.Scope, _ = cmd.Flags().GetString("scope")
			f.User, _ = cmd.Flags().GetString("user")
			f.Prefix, _ = cmd.Flags().GetString("prefix")
			f.Decrypt, _ = cmd.Flags().GetBool("decrypt")
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				page, err := c.Keys(ctx, f)
				if err != nil {
					return err
				}
				if page.Next != "" && isTableOutput(cmd) {
					fmt.Fprintf(cmd.ErrOrStderr(), "note: only %d shown; --marker %s shows the next ones\n", len(page.Items), page.Next)
				}
				return printOutput(cmd, page.Items, kvTable(page.Items))
			})
		},
	}
	cmd.Flags().String("prefix", "", "only names starting with this")
	cmd.Flags().Bool("decrypt", false, "show encrypted values in plain text")
	cmd.Flags().IntP("limit", "n", defaultListLimit, "show at most this many")
	cmd.Flags().String("marker", "", "start after this marker, from the note of an earlier page")
	addOutputFlag(cmd)
	return cmd
}

func newKeyDeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a key-value pair",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withClient(cmd, func(ctx context.Context, c *client.Client) error {
				if err := c.DeleteKey(ctx, keyRef(cmd, args[0])); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Deleted key %s\n", args[0])
				return nil
			})
		},
	}
}
