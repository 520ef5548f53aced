// Package filewatch is the built-in file-watch sensor, StackStorm's
// linux.FileWatchSensor: for each watched file it dispatches a
// linux.file_watch.line trigger instance {file_path, file_name, line}
// for every line appended to it.
//
// Files are polled (default every second): lines already in a file when
// it is first watched are skipped; a file that appears later is read from
// its start; a truncated file is read again from its start; a rotated
// file (renamed or replaced, so the path names another file) has its
// remaining lines read from the old file before the new one is followed.
// A partial last line waits for its newline. Offsets live in the Sensor,
// so a restarted Run resumes where the last one stopped.
package filewatch
