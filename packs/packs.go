// Package packs holds the packs shipped with Stormless. The core pack is
// built into the binary (Core), so that core.* actions exist wherever
// Stormless runs, as StackStorm always has its core pack.
package packs

import "embed"

// Core is the core pack's directory tree, rooted at "core".
//
//go:embed core
var Core embed.FS
