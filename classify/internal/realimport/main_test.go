package main

import (
	"strings"
	"testing"
)

// doc builds a PROVENANCE.md as provenance writes it: the inputs table,
// the category table, the drops and the dev files' paragraph, then notes.
func doc(inputs []string, notes ...provenanceNote) string {
	var b strings.Builder
	b.WriteString("# The real-text corpus: provenance\n\nInputs, in order (an earlier copy of a text wins):\n\n| file | records read | kept |\n|---|---|---|\n")
	for _, in := range inputs {
		b.WriteString("| " + in + " | 10 | 9 |\n")
	}
	b.WriteString("\nCategory\n\n| label | category | texts |\n|---|---|---|\n| scam | deposit | 9 |\n")
	b.WriteString("\nDropped records\n\n| file | why | records |\n|---|---|---|\n| " + inputs[len(inputs)-1] + " | a copy of an earlier text | 1 |\n")
	b.WriteString("\nThe dev files (real_scam_quotes_dev.jsonl, real_honest_short_dev.jsonl) come from ../shared/data.\n")
	for _, n := range notes {
		b.WriteString("\n---\n\n" + noteOpen + n.name + noteClose + "\n\n" + n.text + "\n")
	}
	return b.String()
}

func TestPriorNotes(t *testing.T) {
	gatherer := provenanceNote{"PROVENANCE_scamA.md", "# scamA\n\n| family | records |\n|---|---|\n| 163.com | 9 |"}

	// An import of gatherers' files: their notes are kept, and the import
	// itself becomes IMPORT_1.md with its inputs and drops.
	ns := priorNotes(doc([]string{"real_scam_quotes_dev.jsonl", "honest.jsonl", "scamA.jsonl"}, gatherer))
	if len(ns) != 2 || ns[0] != gatherer {
		t.Fatalf("notes %q, want the gatherer's note then an import record", ns)
	}
	imp := ns[1]
	if imp.name != "IMPORT_1.md" {
		t.Errorf("import record named %q, want IMPORT_1.md", imp.name)
	}
	for _, want := range []string{"| scamA.jsonl | 10 | 9 |", "Dropped records\n\n| file | why | records |", "| scamA.jsonl | a copy of an earlier text | 1 |"} {
		if !strings.Contains(imp.text, want) {
			t.Errorf("import record lacks %q:\n%s", want, imp.text)
		}
	}
	if strings.Contains(imp.text, "| scam | deposit |") {
		t.Errorf("import record holds the category table:\n%s", imp.text)
	}

	// Read back after the next import: the earlier record is carried, and a
	// new one numbered after it.
	ns = priorNotes(doc([]string{"real_scam_quotes_dev.jsonl", "scam.jsonl", "honest.jsonl", "scamG.jsonl"}, gatherer, imp))
	if len(ns) != 3 || ns[1] != imp || ns[2].name != "IMPORT_2.md" || !strings.Contains(ns[2].text, "| scamG.jsonl | 10 | 9 |") {
		t.Errorf("second import: notes %q, want the gatherer's, IMPORT_1.md as it was, then IMPORT_2.md naming scamG.jsonl", ns)
	}

	// Re-running with no gatherer's file adds no record: the import is
	// idempotent.
	ns = priorNotes(doc([]string{"real_scam_quotes_dev.jsonl", "real_honest_short_dev.jsonl", "scam.jsonl", "honest.jsonl"}, gatherer, imp))
	if len(ns) != 2 {
		t.Errorf("import of the committed corpus alone: notes %q, want the two carried over and no new record", ns)
	}
}

func TestNotesWith(t *testing.T) {
	ns := provenanceNotes{{"PROVENANCE_A.md", "old A"}, {"IMPORT_1.md", "import"}}
	got := ns.with("PROVENANCE_A.md", "new A").with("PROVENANCE_B.md", "B")
	want := provenanceNotes{{"PROVENANCE_A.md", "new A"}, {"IMPORT_1.md", "import"}, {"PROVENANCE_B.md", "B"}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("note %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if ns[0].text != "old A" {
		t.Errorf("with changed its receiver: %q", ns)
	}
}
