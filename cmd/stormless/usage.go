package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// strictUsage makes every mistyped command line under root fail with exit
// status 2 before the command acts, with a message that names the mistake
// and the help to read: unknown flags and bad flag values, wrong argument
// counts, and unknown subcommands (which cobra would otherwise answer with
// the parent's help and status 0). Call it once the tree is built.
func strictUsage(root *cobra.Command) {
	root.SetFlagErrorFunc(usageError)
	walkCommands(root, func(c *cobra.Command) {
		switch {
		case c.Args != nil:
			check := c.Args
			c.Args = func(c *cobra.Command, args []string) error {
				if err := check(c, args); err != nil {
					return usageError(c, fmt.Errorf("%w; usage: %s", err, c.UseLine()))
				}
				return nil
			}
		case c.HasSubCommands() && !c.Runnable():
			c.Args = cobra.ArbitraryArgs
			c.RunE = helpOrUnknown
		}
	})
}

// walkCommands calls f on c and every command below it.
func walkCommands(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, f)
	}
}

// helpOrUnknown runs a command that only groups others: its help, or the
// usage error of an unknown subcommand.
func helpOrUnknown(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return c.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2
	}
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, ", "))
	}
	return usageError(c, fmt.Errorf("%s", msg))
}

// usageError is the exit-2 error of a command line c cannot run.
func usageError(c *cobra.Command, err error) error {
	return exitWith(2, fmt.Sprintf("%v (%s --help shows the usage)", err, c.CommandPath()))
}

// splitLeadingFlags applies to fs the flags among args that come before
// the first word that is neither a flag nor NAME=VALUE (the start of an
// action's command line, as StackStorm's `st2 run` reads it) and returns
// the other arguments in order. From that word on, and after "--",
// everything is returned as is, dashes included.
func splitLeadingFlags(fs *pflag.FlagSet, args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return applyFlags(fs, flags, append(rest, args[i+1:]...))
		case len(a) > 1 && strings.HasPrefix(a, "-"):
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		case strings.Contains(a, "="):
			rest = append(rest, a)
		default:
			return applyFlags(fs, flags, append(rest, args[i:]...))
		}
	}
	return applyFlags(fs, flags, rest)
}

// applyFlags parses flags into fs and returns rest.
func applyFlags(fs *pflag.FlagSet, flags, rest []string) ([]string, error) {
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return rest, nil
}

// takesValue reports whether flag argument a (--name or -x, without an
// inline value) names a flag of fs that reads the next argument as its
// value.
func takesValue(fs *pflag.FlagSet, a string) bool {
	var f *pflag.Flag
	if name, ok := strings.CutPrefix(a, "--"); ok {
		if strings.Contains(name, "=") {
			return false
		}
		f = fs.Lookup(name)
	} else if len(a) == 2 {
		f = fs.ShorthandLookup(a[1:])
	}
	return f != nil && f.NoOptDefVal == ""
}
