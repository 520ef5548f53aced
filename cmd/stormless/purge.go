package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// day is the unit of --retention and --older-than (StackStorm's garbage
// collector TTLs are in days too).
const day = 24 * time.Hour

func newPurgeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "purge --older-than DAYS",
		Short: "Delete records older than DAYS from the audit trail of a data directory",
		Long: `Purge deletes from the audit trail in the data directory what ended more
than DAYS days ago, as StackStorm's st2garbagecollector does: executions in a
final status (succeeded, failed, canceled, ...) with their output, trigger
instances, rule enforcements, traces, and inquiries no longer pending.
Executions still in flight and pending inquiries are never deleted. It works
on the SQLite file directly, whether or not stormless up is running on that
directory. To purge continuously, run stormless up --retention DAYS instead.`,
		Example: `  stormless purge --older-than 30
  stormless purge --older-than 7 --data-dir /var/lib/stormless`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keep, err := retentionFlag(cmd, "older-than")
			if err != nil {
				return err
			}
			if keep == 0 {
				return exitWith(2, "--older-than DAYS is required and must be at least 1 (records that ended more than DAYS days ago are deleted)")
			}
			dir, err := cmd.Flags().GetString("data-dir")
			if err != nil {
				return fmt.Errorf("reading --data-dir: %w", err)
			}
			return purgeDataDir(cmd, dir, time.Now().Add(-keep))
		},
	}
	cmd.Flags().Int("older-than", 0, "delete records that ended more than DAYS days ago (required)")
	cmd.Flags().String("data-dir", defaultDataDir, "data directory of stormless up")
	return cmd
}

// retentionFlag reads the days of flag name as a duration; 0 means none.
func retentionFlag(cmd *cobra.Command, name string) (time.Duration, error) {
	days, err := cmd.Flags().GetInt(name)
	if err != nil {
		return 0, fmt.Errorf("reading --%s: %w", name, err)
	}
	if days < 0 {
		return 0, exitWith(2, fmt.Sprintf("--%s %d: give a number of days, 1 or more (0 keeps everything)", name, days))
	}
	return time.Duration(days) * day, nil
}

// purgeDataDir purges the audit trail of dir of what ended before before.
func purgeDataDir(cmd *cobra.Command, dir string, before time.Time) error {
	path := filepath.Join(dir, "stormless.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return exitWith(1, fmt.Sprintf("no audit trail at %s: is --data-dir %q the data directory of stormless up?", path, dir))
	}
	s, err := sqlitestore.Open(cmd.Context(), path)
	if err != nil {
		return fmt.Errorf("opening the audit trail %s: %w", path, err)
	}
	p, err := s.Purge(cmd.Context(), before)
	if err = errors.Join(err, s.Close()); err != nil {
		return fmt.Errorf("purging %s: %w", path, err)
	}
	reportPurged(cmd.OutOrStdout(), before, p)
	return nil
}

// reportPurged prints what a purge deleted.
func reportPurged(w io.Writer, before time.Time, p execution.Purged) {
	fmt.Fprintf(w, "stormless: purged records that ended before %s: %d executions (%d output lines), %d trigger instances, %d enforcements, %d traces, %d inquiries\n",
		before.UTC().Format(time.RFC3339), p.Executions, p.OutputLines, p.TriggerInstances, p.Enforcements, p.Traces, p.Inquiries)
}
