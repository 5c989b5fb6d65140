package configs_test

import (
	"encoding/json"
	"io/fs"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt/configs"
)

// TestEmbedded checks the binary carries what it runs with: the site
// profiles, the rules, a model and the explanations, each well-formed.
// (Their meaning is tested where they are decoded: cmd, classify, web.)
func TestEmbedded(t *testing.T) {
	for _, f := range []string{"sites/demo.yaml", "rules.yaml", "explain.yaml"} {
		data, err := fs.ReadFile(configs.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := yaml.Unmarshal(data, &v); err != nil || len(v) == 0 {
			t.Errorf("%s: not a YAML mapping: %v", f, err)
		}
	}
	data, err := fs.ReadFile(configs.FS, "model.json")
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(data) || len(data) < 1000 {
		t.Errorf("model.json: %d bytes, valid JSON %v", len(data), json.Valid(data))
	}
}
