package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt/configs"
	"github.com/scamhunt/scamhunt/crawler"
	"github.com/scamhunt/scamhunt/extract"
)

// siteProfile is one file of configs/sites (or an operator's --config
// file): how to crawl a board and how to read its pages. docs/profiles.md
// documents every key.
type siteProfile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// DetailURL is the board's detail-page pattern, written once: the
	// crawler tracks the pages it matches (conditional GETs, removals) and
	// the extractor reads them as details. It fills crawl.patterns.detail
	// and extract.detail_url, which may then not be written as well.
	DetailURL string          `yaml:"detail_url"`
	Crawl     crawler.Config  `yaml:"crawl"`
	Extract   extract.Profile `yaml:"extract"`
}

// profileFlags are --site and --config, the two ways to name a profile;
// every command that reads one takes both.
type profileFlags struct {
	site, config string
}

func (f *profileFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.site, "site", "", "bundled site profile (see `scamhunt sites`)")
	fs.StringVar(&f.config, "config", "", "site profile file (see docs/profiles.md)")
}

// load reads the profile named by --site or --config; ok is false when
// neither was given.
func (f *profileFlags) load() (p siteProfile, ok bool, err error) {
	switch {
	case f.site != "" && f.config != "":
		return p, false, fmt.Errorf("--site and --config are exclusive")
	case f.site != "":
		p, err = loadSite(f.site)
	case f.config != "":
		p, err = loadSiteFile(f.config)
	default:
		return p, false, nil
	}
	return p, err == nil, err
}

// loadSite reads a bundled profile by name.
func loadSite(name string) (siteProfile, error) {
	file := "sites/" + name + ".yaml"
	data, err := fs.ReadFile(configs.FS, file)
	if errors.Is(err, fs.ErrNotExist) {
		return siteProfile{}, fmt.Errorf("no site profile %q (see `scamhunt sites`)", name)
	}
	if err != nil {
		return siteProfile{}, err
	}
	return decodeSite("configs/"+file, data)
}

// loadSiteFile reads a profile from a file of the operator's.
func loadSiteFile(file string) (siteProfile, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return siteProfile{}, err
	}
	return decodeSite(file, data)
}

// decodeSite decodes a profile strictly: unknown keys are errors with their
// line, and a value that fails validation is reported with the line and key
// it was written at.
func decodeSite(file string, data []byte) (siteProfile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return siteProfile{}, fmt.Errorf("%s: %w", file, err)
	}
	var p siteProfile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return siteProfile{}, fmt.Errorf("%s: %w", file, err)
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(path.Base(file), path.Ext(file))
	}
	if p.DetailURL != "" {
		for _, twice := range []struct {
			key string
			set bool
		}{{"crawl.patterns.detail", len(p.Crawl.Patterns.Detail) > 0}, {"extract.detail_url", p.Extract.DetailURL != ""}} {
			if twice.set {
				return siteProfile{}, fmt.Errorf("%s:%d: %s: the detail pattern is written once, as detail_url (line %d): drop this one",
					file, lineOf(&root, twice.key), twice.key, lineOf(&root, "detail_url"))
			}
		}
		p.Crawl.Patterns.Detail = []string{p.DetailURL}
		p.Extract.DetailURL = p.DetailURL
	}
	p.Crawl.Site = p.Name
	if err := p.Crawl.Validate(); err != nil {
		return siteProfile{}, located(file, &root, "crawl", err)
	}
	if err := p.Extract.Validate(); err != nil {
		return siteProfile{}, located(file, &root, "extract", err)
	}
	return p, nil
}

// located prefixes a validation error with the file, and with the line and
// key of the value it complains about when that value can be found in the
// YAML tree under section.
func located(file string, root *yaml.Node, section string, err error) error {
	msg := err.Error()
	var best *yaml.Node
	var bestKey string
	walkScalars(root, "", func(key string, n *yaml.Node) {
		if !strings.HasPrefix(key, section) || n.Value == "" || !strings.Contains(msg, n.Value) {
			return
		}
		if best == nil || len(n.Value) > len(best.Value) {
			best, bestKey = n, key
		}
	})
	if best == nil {
		return fmt.Errorf("%s: %s: %w", file, section, err)
	}
	return fmt.Errorf("%s:%d: %s: %w", file, best.Line, bestKey, err)
}

// lineOf is the line of the first value under the dotted key, 0 if absent.
func lineOf(root *yaml.Node, key string) int {
	line := 0
	walkScalars(root, "", func(k string, n *yaml.Node) {
		if line == 0 && (k == key || strings.HasPrefix(k, key+"[") || strings.HasPrefix(k, key+".")) {
			line = n.Line
		}
	})
	return line
}

// walkScalars calls fn for every scalar value in the tree with its dotted key.
func walkScalars(n *yaml.Node, key string, fn func(key string, n *yaml.Node)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkScalars(c, key, fn)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if key != "" {
				k = key + "." + k
			}
			walkScalars(n.Content[i+1], k, fn)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkScalars(c, fmt.Sprintf("%s[%d]", key, i), fn)
		}
	case yaml.ScalarNode:
		fn(key, n)
	}
}

// siteNames lists the bundled profiles.
func siteNames() ([]string, error) {
	entries, err := fs.ReadDir(configs.FS, "sites")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

func newSitesCmd(*globals) *cobra.Command {
	return &cobra.Command{
		Use:   "sites",
		Short: "List the bundled site profiles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			names, err := siteNames()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			for _, n := range names {
				p, err := loadSite(n)
				if err != nil {
					fmt.Fprintf(out, "%-12s  error: %v\n", n, err)
					continue
				}
				fmt.Fprintf(out, "%-12s  %s\n", n, p.Description)
			}
			return nil
		},
	}
}
