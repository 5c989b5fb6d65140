package scamhunt_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStagesStayApart holds the line STYLE.md draws: stage packages import
// the root package, internal helpers and their own libraries, never each
// other; only cmd/ joins them.
func TestStagesStayApart(t *testing.T) {
	const mod = "github.com/scamhunt/scamhunt/"
	stages := []string{"crawler", "extract", "classify", "index", "store", "web", "dataset", "audit", "testsite"}
	// Each stage's own third-party library; nobody else may import it.
	owners := map[string]string{
		"github.com/gocolly/colly/v2":           "crawler",
		"github.com/blevesearch/bleve/v2":       "index",
		"github.com/meilisearch/meilisearch-go": "index",
		"github.com/parquet-go/parquet-go":      "dataset",
		"github.com/redis/go-redis/v9":          "crawler",
	}
	for _, s := range stages {
		out, err := exec.Command("go", "list", "-deps", mod+s).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", s, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, other := range stages {
				if other != s && (dep == mod+other || strings.HasPrefix(dep, mod+other+"/")) {
					t.Errorf("%s imports %s: stages must not import each other", s, dep)
				}
			}
			for lib, owner := range owners {
				if owner != s && (dep == lib || strings.HasPrefix(dep, lib+"/")) {
					t.Errorf("%s imports %s, which only %s may use", s, dep, owner)
				}
			}
		}
	}
}

// TestRootIsPure keeps the domain package free of stage libraries.
func TestRootIsPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "github.com/scamhunt/scamhunt").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if !strings.HasPrefix(dep, "golang.org/x/sync/") && !strings.HasPrefix(dep, "github.com/scamhunt/scamhunt") {
			t.Errorf("root package depends on %s", dep)
		}
	}
}
