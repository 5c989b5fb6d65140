package configs

import "embed"

// FS is the embedded configuration tree.
//
//go:embed sites/*.yaml rules.yaml model.json explain.yaml
var FS embed.FS
