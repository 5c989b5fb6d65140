package configs

import "embed"

// FS is the embedded configuration tree.
//
//go:embed sites/*.yaml
var FS embed.FS
