package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

var overrideCases = []struct {
	name string
	file string
	want map[string]scamhunt.Label
	bad  []int // line numbers reported
}{
	{"empty", "", map[string]scamhunt.Label{}, nil},
	{"good", `{"id":"a","label":"scam","by":"wang","at":"2026-11-20T10:00:00Z"}` + "\n" + `{"id":"b","label":"legit","at":"2026-11-20T10:00:00Z"}` + "\n",
		map[string]scamhunt.Label{"a": scamhunt.LabelScam, "b": scamhunt.LabelLegit}, nil},
	{"cleared", `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n" + `{"id":"a","cleared":true,"at":"2026-11-21T10:00:00Z"}` + "\n",
		map[string]scamhunt.Label{}, nil},
	{"torn middle line", `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n" + `{"id":"b","label":"sc` + "\n" + `{"id":"c","label":"legit","at":"2026-11-20T10:00:00Z"}` + "\n",
		map[string]scamhunt.Label{"a": scamhunt.LabelScam, "c": scamhunt.LabelLegit}, []int{2}},
	{"torn last line", `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n" + `{"id":"b","la`,
		map[string]scamhunt.Label{"a": scamhunt.LabelScam}, []int{2}},
	{"last line without newline", `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}`,
		map[string]scamhunt.Label{"a": scamhunt.LabelScam}, nil},
	{"blank lines", "\n\n" + `{"id":"a","label":"legit","at":"2026-11-20T10:00:00Z"}` + "\n\n",
		map[string]scamhunt.Label{"a": scamhunt.LabelLegit}, nil},
	{"not json", "invalid character 'o' in literal null\n" + `{"id":"a","label":"legit","at":"2026-11-20T10:00:00Z"}` + "\n",
		map[string]scamhunt.Label{"a": scamhunt.LabelLegit}, []int{1}},
	{"bad label", `{"id":"a","label":"fraud","at":"2026-11-20T10:00:00Z"}` + "\n", map[string]scamhunt.Label{}, []int{1}},
	{"no id", `{"label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n", map[string]scamhunt.Label{}, []int{1}},
	{"unknown field", `{"id":"a","label":"scam","queue":"today","at":"2026-11-20T10:00:00Z"}` + "\n", map[string]scamhunt.Label{"a": scamhunt.LabelScam}, nil},
	{"two values", `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}{"id":"b","label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n", map[string]scamhunt.Label{}, []int{1}},
	{"long line", strings.Repeat("x", maxOverrideLine+10) + "\n" + `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}` + "\n",
		map[string]scamhunt.Label{"a": scamhunt.LabelScam}, []int{1}},
}

func writeTemp(t testing.TB, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "overrides.jsonl")
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestReadOverrides: bad lines are skipped and reported with their line
// number; the good ones apply in order.
func TestReadOverrides(t *testing.T) {
	for _, tt := range overrideCases {
		t.Run(tt.name, func(t *testing.T) {
			file := writeTemp(t, tt.file)
			var bad []int
			m, err := readOverrides(file, func(b badLine) {
				if b.File != file {
					t.Errorf("bad line names %s, want %s", b.File, file)
				}
				bad = append(bad, b.Line)
			})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]scamhunt.Label{}
			for id, o := range m {
				got[id] = o.Label
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.bad, bad); diff != "" {
				t.Errorf("bad lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAppendAfterTornLine: an append to a file whose last line a crash
// cut short starts on a new line, so the torn line stays alone (reported)
// and the new label, with its reviewer, reads back.
func TestAppendAfterTornLine(t *testing.T) {
	file := writeTemp(t, `{"id":"a","label":"scam","at":"2026-11-20T10:00:00Z"}`+"\n"+`{"id":"b","lab`)
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	if err := appendOverride(file, "c", &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "电话核实", By: "li", At: at}); err != nil {
		t.Fatal(err)
	}
	if err := appendOverride(file, "a", nil); err != nil {
		t.Fatal(err)
	}
	var bad []badLine
	m, err := readOverrides(file, func(b badLine) { bad = append(bad, b) })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*scamhunt.Override{"c": {Label: scamhunt.LabelLegit, Note: "电话核实", By: "li", At: at}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	if len(bad) != 1 || bad[0].Line != 2 {
		t.Errorf("bad lines %v, want the torn line 2 alone", bad)
	}
	if missing, err := readOverrides(filepath.Join(t.TempDir(), "none.jsonl"), func(badLine) {}); err != nil || len(missing) != 0 {
		t.Errorf("missing file: %v %v, want no labels", missing, err)
	}
}

// FuzzReadOverrides: whatever the file holds, reading it does not fail,
// and every label it returns is valid.
func FuzzReadOverrides(f *testing.F) {
	for _, tt := range overrideCases {
		if len(tt.file) < 4096 {
			f.Add(tt.file)
		}
	}
	f.Fuzz(func(t *testing.T, content string) {
		m, err := readOverrides(writeTemp(t, content), func(badLine) {})
		if err != nil {
			t.Fatal(err)
		}
		for id, o := range m {
			if id == "" || !o.Label.Valid() {
				t.Errorf("kept %q: %+v", id, o)
			}
		}
	})
}
