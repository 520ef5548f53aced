package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/client"
)

// Where the CLI finds the server: --url, else STORMLESS_URL, else
// defaultServerURL; the API key: --api-key, else STORMLESS_API_KEY.
const (
	urlEnv    = "STORMLESS_URL"
	apiKeyEnv = "STORMLESS_API_KEY"
)

// defaultServerURL is the URL of a stormless up started without --listen.
// A variable so that tests can point it at a port nothing listens on.
var defaultServerURL = "http://" + defaultListen

// probeTimeout bounds the health check that decides whether the server at
// the default URL is up.
const probeTimeout = time.Second

// addServerFlags adds the global --url and --api-key flags.
func addServerFlags(root *cobra.Command) {
	root.PersistentFlags().String("url", "", "base URL of the Stormless server (env "+urlEnv+"; default "+defaultServerURL+")")
	root.PersistentFlags().String("api-key", "", "API key sent to the server as St2-Api-Key (env "+apiKeyEnv+"); never printed")
}

// serverURL returns the server's URL and whether the user named it (flag
// or environment) rather than it being the default.
func serverURL(cmd *cobra.Command) (url string, explicit bool) {
	if flagChanged(cmd, "url") {
		return cmd.Flag("url").Value.String(), true
	}
	if u := os.Getenv(urlEnv); u != "" {
		return u, true
	}
	return defaultServerURL, false
}

// newClient returns a client of the server the flags name.
func newClient(cmd *cobra.Command) (*client.Client, error) {
	u, _ := serverURL(cmd)
	key := os.Getenv(apiKeyEnv)
	if flagChanged(cmd, "api-key") {
		key = cmd.Flag("api-key").Value.String()
	}
	c, err := client.New(u, client.WithAPIKey(key))
	if err != nil {
		return nil, exitWith(2, fmt.Sprintf("--url: %v", err))
	}
	return c, nil
}

// serverUp reports whether the server at the default URL answers its health
// check within probeTimeout.
func serverUp(ctx context.Context, c *client.Client) bool {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	return c.Health(ctx) == nil
}

// serverError turns a client error into the message the CLI prints: the
// HTTP status and the server's faultstring, with a hint where one helps.
func serverError(err error) error {
	var unreachable *client.UnreachableError
	var apiErr *client.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &unreachable):
		return exitWith(1, fmt.Sprintf("cannot reach the Stormless server at %s (%v): start it with `stormless up`, or point --url or %s at a running one",
			unreachable.URL, rootCause(unreachable.Err), urlEnv))
	case errors.As(err, &apiErr):
		msg := fmt.Sprintf("the server answered HTTP %d %s: %s", apiErr.Status, http.StatusText(apiErr.Status), apiErr.Fault)
		switch apiErr.Status {
		case http.StatusNotFound:
			if list := listCommandOf(apiErr.Path); list != "" {
				msg += fmt.Sprintf(" (`stormless %s` lists them)", list)
			}
		case http.StatusUnauthorized:
			msg += fmt.Sprintf(" (pass an API key with --api-key or %s; a server's first key is created on its machine with stormless apikey create --data-dir DIR)", apiKeyEnv)
		}
		return exitWith(1, msg)
	}
	return err
}

// listCommands are the commands that list each API resource, for the hint
// of a 404.
var listCommands = map[string]string{
	"executions":       "execution list",
	"traces":           "trace list",
	"triggerinstances": "trigger-instance list",
	"ruleenforcements": "rule-enforcement list",
	"inquiries":        "inquiry list --status all",
	"keys":             "key list",
	"apikeys":          "apikey list",
}

// listCommandOf returns the command that lists the records of an API path
// such as /api/v1/executions/ID, or "".
func listCommandOf(path string) string {
	rest, ok := strings.CutPrefix(path, "/api/v1/")
	if !ok {
		return ""
	}
	resource, _, _ := strings.Cut(rest, "/")
	return listCommands[resource]
}

// rootCause returns the innermost error of err's chain, which for a
// refused connection reads "connection refused".
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// withClient runs f with a client of the server, turning its errors into
// the CLI's messages.
func withClient(cmd *cobra.Command, f func(context.Context, *client.Client) error) error {
	c, err := newClient(cmd)
	if err != nil {
		return err
	}
	return serverError(f(cmd.Context(), c))
}
