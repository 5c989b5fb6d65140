// Command realimport rebuilds the real-text corpus of package classify,
// classify/testdata/real/{scam,honest}.jsonl and PROVENANCE.md, from the
// shared dev files and the gatherers' files:
//
//	go run ./classify/internal/realimport -shared ../shared -corpus /work/corpus
//
// It reads ../shared/data/real_scam_quotes_dev.jsonl and
// real_honest_short_dev.jsonl first, then the corpus as committed
// (OUT/scam.jsonl and OUT/honest.jsonl, less the dev files' records: the
// earlier gatherers' files are not kept, so the corpus stands for them;
// -base=false leaves it out), then every CORPUS/*.jsonl in name order;
// runs ../shared/eval/sealed_overlap.py over all of them and drops
// every record it lists; drops records of denied sources
// (REAL_DATA_SOURCES.md §3 and §4), records with a missing or unknown
// field, and every later copy of a text (same letters and digits after
// folding width, case and traditional characters). Records without a kind
// (the dev files) get one from testdata/real/dev_kinds.tsv; the scam texts
// testdata/real/context.tsv lists are marked as context lines. The output is
// sorted and deterministic: the same inputs give the same files. It prints
// what it dropped and why.
//
// PROVENANCE.md keeps what the committed one held: the gatherers' notes
// embedded in it are carried over (a CORPUS/PROVENANCE_*.md of the same
// name replaces one), and its inputs and drops become a note of their own
// (IMPORT_n.md), so every earlier import stays on record. A gatherer's
// file is imported once: when its records are in the committed corpus, take
// it out of CORPUS, or the next import drops them all as copies of
// themselves.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt/classify/internal/realcorpus"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared directory (data/real_*_dev.jsonl, eval/sealed_overlap.py)")
	corpus := flag.String("corpus", "/work/corpus", "directory of the gatherers' *.jsonl and PROVENANCE_*.md")
	out := flag.String("out", "classify/testdata/real", "corpus directory to write")
	base := flag.Bool("base", true, "read the corpus as committed in -out after the dev files")
	flag.Parse()
	if err := run(context.Background(), *shared, *corpus, *out, *base); err != nil {
		fmt.Fprintln(os.Stderr, "realimport:", err)
		os.Exit(1)
	}
}

// The dev files, in ../shared/data, and the corpus's own files, in -out:
// an import reads them in this order, before the gatherers' files.
var (
	devFiles    = []string{"real_scam_quotes_dev.jsonl", "real_honest_short_dev.jsonl"}
	corpusFiles = []string{"scam.jsonl", "honest.jsonl"}
)

func run(ctx context.Context, shared, corpus, out string, base bool) error {
	var inputs []string
	var files [][]realcorpus.Line
	// read appends a file's records, less those drop names, to the inputs.
	read := func(f string, drop func(realcorpus.Line) bool) error {
		ls, err := realcorpus.ReadFile(f)
		if err != nil {
			return err
		}
		if drop != nil {
			ls = slices.DeleteFunc(ls, drop)
		}
		inputs, files = append(inputs, f), append(files, ls)
		return nil
	}
	dev := map[string]bool{}
	for _, name := range devFiles {
		if err := read(filepath.Join(shared, "data", name), nil); err != nil {
			return err
		}
		for _, l := range files[len(files)-1] {
			dev[l.ID] = true
		}
	}
	var prior provenanceNotes
	if base {
		for _, name := range corpusFiles {
			// The dev files' records come in with the dev files.
			if err := read(filepath.Join(out, name), func(l realcorpus.Line) bool { return dev[l.ID] }); err != nil {
				return err
			}
		}
		b, err := os.ReadFile(filepath.Join(out, "PROVENANCE.md"))
		if err != nil {
			return err
		}
		prior = priorNotes(string(b))
	}
	gathered, err := filepath.Glob(filepath.Join(corpus, "*.jsonl"))
	if err != nil {
		return err
	}
	if len(gathered) == 0 && !base {
		return fmt.Errorf("no *.jsonl in %s: refusing to rebuild the corpus from the dev files alone", corpus)
	}
	slices.Sort(gathered)
	for _, f := range gathered {
		if err := read(f, nil); err != nil {
			return err
		}
	}
	sealed, err := realcorpus.Sealed(ctx, filepath.Join(shared, "eval", "sealed_overlap.py"), inputs...)
	if err != nil {
		return err
	}
	kinds, err := realcorpus.ReadTableFile(filepath.Join(out, "dev_kinds.tsv"), realcorpus.ReadKinds)
	if err != nil {
		return err
	}
	res := realcorpus.Merge(files, sealed, kinds)
	lines, err := realcorpus.ReadTableFile(filepath.Join(out, "context.tsv"), realcorpus.ReadContext)
	if err != nil {
		return err
	}
	if err := realcorpus.MarkContext(res.Records, lines); err != nil {
		return err
	}

	var scam, honest []realcorpus.Record
	for _, r := range res.Records {
		if r.Label == "scam" {
			scam = append(scam, r)
		} else {
			honest = append(honest, r)
		}
	}
	for name, recs := range map[string][]realcorpus.Record{"scam.jsonl": scam, "honest.jsonl": honest} {
		if err := writeFile(filepath.Join(out, name), func(f *os.File) error { return realcorpus.Write(f, recs) }); err != nil {
			return err
		}
	}
	paths, err := filepath.Glob(filepath.Join(corpus, "PROVENANCE_*.md"))
	if err != nil {
		return err
	}
	slices.Sort(paths)
	notes := prior
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		notes = notes.with(filepath.Base(path), string(b))
	}
	if err := writeFile(filepath.Join(out, "PROVENANCE.md"), func(f *os.File) error {
		return provenance(f, inputs, notes, res, base)
	}); err != nil {
		return err
	}
	for _, d := range res.Dropped {
		fmt.Printf("dropped %s:%d %s: %s\n", d.File, d.N, d.ID, d.Why)
	}
	for _, f := range inputs {
		fmt.Printf("%s: %d read, %d kept\n", f, res.Read[f], res.Kept[f])
	}
	fmt.Printf("corpus: %d scam, %d honest texts in %s\n", len(scam), len(honest), out)
	return nil
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(write(f), f.Close())
}

// provenance writes PROVENANCE.md: how the corpus was made, counts by
// category, kind, source type and source family, what was dropped, and the
// gatherers' own provenance notes.
func provenance(f *os.File, inputs []string, notes provenanceNotes, res realcorpus.Result, base bool) error {
	p := func(format string, a ...any) { fmt.Fprintf(f, format, a...) }
	p("# The real-text corpus: provenance\n\n")
	p("Texts real scammers, advertisers, police and officials wrote, quoted verbatim by news reports, police\n")
	p("and government bulletins, court judgments, public datasets and public posts; each record names its\n")
	p("source (page URL, owner/repo/path@commit or owner/repo#issue), source type, date where known, and what\n")
	p("the text is (kind). Nobody here wrote, paraphrased or generated any of them. Quotations are short and\n")
	p("attributed; they are kept for training and measuring the classifier.\n\n")
	p("This file and scam.jsonl / honest.jsonl are generated by `go run ./classify/internal/realimport`\n")
	p("(see its doc comment): do not edit them by hand; fix the inputs and re-run it.\n\n")
	p("Inputs, in order (an earlier copy of a text wins):\n\n| file | records read | kept |\n|---|---|---|\n")
	for _, in := range inputs {
		p("| %s | %d | %d |\n", filepath.Base(in), res.Read[in], res.Kept[in])
	}
	if base {
		p("\nscam.jsonl and honest.jsonl are the corpus as it was committed before this import, less the dev\n")
		p("files' records; the inputs of the imports that made it are in the IMPORT_n.md notes at the end.\n")
	}
	type key struct{ label, a string }
	counts := func(field func(realcorpus.Record) string) map[key]int {
		m := map[key]int{}
		for _, r := range res.Records {
			m[key{r.Label, field(r)}]++
		}
		return m
	}
	table := func(title string, field func(realcorpus.Record) string) {
		m := counts(field)
		p("\n%s\n\n| label | %s | texts |\n|---|---|---|\n", title, strings.ToLower(title))
		ks := slices.SortedFunc(maps.Keys(m), func(a, b key) int {
			return cmp.Or(-cmp.Compare(a.label, b.label), cmp.Compare(m[b], m[a]), cmp.Compare(a.a, b.a))
		})
		for _, k := range ks {
			p("| %s | %s | %d |\n", k.label, k.a, m[k])
		}
	}
	table("Category", func(r realcorpus.Record) string { return r.Category })
	table("Kind", func(r realcorpus.Record) string { return r.Kind })
	table("Source type", func(r realcorpus.Record) string { return r.SourceType })
	table("Source family", func(r realcorpus.Record) string { return realcorpus.Family(r.Source) })

	p("\nContext lines\n\n")
	p("A scam text that carries no scam element on its own is marked `\"context\": true`: a line of a scam\n")
	p("conversation or post an honest speaker could say word for word (先生,你要找工作吗?; 嘿嘿,那你看著辦吧; a\n")
	p("paid fake review no reader could tell from a real one). Recall is held on the other scam texts; the\n")
	p("context lines stay in the corpus, are trained on, and are reported on their own. context.tsv lists them\n")
	p("with the reason. Two annotators marked every scam text, each alone, blind to the classifier and its\n")
	p("verdicts and to each other, following the written guide at the head of context.tsv; a text is a context\n")
	p("line only where both said so (when in doubt, content).\n\n")
	p("| category | scam texts | context lines |\n|---|---|---|\n")
	byCat := map[string][2]int{}
	for _, r := range res.Records {
		if r.Label == "scam" {
			c := byCat[r.Category]
			c[0]++
			if r.Context {
				c[1]++
			}
			byCat[r.Category] = c
		}
	}
	for _, cat := range slices.SortedFunc(maps.Keys(byCat), func(a, b string) int {
		return cmp.Or(cmp.Compare(byCat[b][0], byCat[a][0]), cmp.Compare(a, b))
	}) {
		p("| %s | %d | %d |\n", cat, byCat[cat][0], byCat[cat][1])
	}

	why := map[string]int{}
	for _, d := range res.Dropped {
		w := d.Why
		if strings.HasPrefix(w, "same text as") {
			w = "a copy of an earlier text"
		}
		why[filepath.Base(d.File)+"\t"+w]++
	}
	if len(why) > 0 {
		p("\nDropped records\n\n| file | why | records |\n|---|---|---|\n")
		for _, k := range slices.Sorted(maps.Keys(why)) {
			file, w, _ := strings.Cut(k, "\t")
			p("| %s | %s | %d |\n", file, strings.ReplaceAll(w, "|", "/"), why[k])
		}
	}
	p("\nThe dev files (real_scam_quotes_dev.jsonl, real_honest_short_dev.jsonl) come from ../shared/data,\n")
	p("whose README describes them: real texts quoted by news, police and government pages and public posts,\n")
	p("released for training and cross-validation with their sources. Their kinds are in dev_kinds.tsv.\n")
	for _, n := range notes {
		p("\n---\n\n%s%s%s\n\n%s\n", noteOpen, n.name, noteClose, strings.TrimSpace(n.text))
	}
	return nil
}

// How PROVENANCE.md marks the start of an embedded note.
const (
	noteOpen  = "<!-- "
	noteClose = ", as its gatherer wrote it -->"
	noteSep   = "\n\n---\n\n" + noteOpen
)

// A provenanceNote is a note embedded in PROVENANCE.md: a gatherer's
// PROVENANCE_*.md, or the record of an earlier import (IMPORT_n.md).
type provenanceNote struct{ name, text string }

type provenanceNotes []provenanceNote

// with returns the notes with one named name set to text: replaced where
// it is, else added at the end.
func (ns provenanceNotes) with(name, text string) provenanceNotes {
	ns = slices.Clone(ns)
	if i := slices.IndexFunc(ns, func(n provenanceNote) bool { return n.name == name }); i >= 0 {
		ns[i].text = text
		return ns
	}
	return append(ns, provenanceNote{name, text})
}

// priorNotes reads a PROVENANCE.md realimport wrote: the notes embedded in
// it, then its own inputs and drops as a note IMPORT_n.md (n one more than
// the IMPORT notes it holds), so that the next PROVENANCE.md keeps them.
func priorNotes(doc string) provenanceNotes {
	var ns provenanceNotes
	head, rest, _ := strings.Cut(doc, noteSep)
	for rest != "" {
		var n string
		n, rest, _ = strings.Cut(rest, noteSep)
		name, text, _ := strings.Cut(n, noteClose)
		ns = append(ns, provenanceNote{name, strings.TrimSpace(text)})
	}
	imports := 0
	for _, n := range ns {
		if strings.HasPrefix(n.name, "IMPORT_") {
			imports++
		}
	}
	// The inputs table from its heading to Category's, the drops from
	// theirs to the dev files' paragraph.
	var secs []string
	for _, sec := range [][2]string{{"Inputs, in order", "\nCategory\n"}, {"\nDropped records\n", "\nThe dev files"}} {
		if i := strings.Index(head, sec[0]); i >= 0 {
			s, _, _ := strings.Cut(head[i:], sec[1])
			secs = append(secs, strings.TrimSpace(s))
		}
	}
	// An import of the dev files and the committed corpus alone (no row
	// names another file) adds no file to record.
	if len(secs) == 0 || !slices.ContainsFunc(strings.Split(secs[0], "\n"), func(line string) bool {
		row, ok := strings.CutPrefix(line, "| ")
		file, _, _ := strings.Cut(row, " |")
		return ok && file != "file" && !slices.Contains(devFiles, file) && !slices.Contains(corpusFiles, file)
	}) {
		return ns
	}
	name := fmt.Sprintf("IMPORT_%d.md", imports+1)
	text := "# " + name + ": the inputs and drops of an earlier import\n\n" +
		"realimport wrote this record of the import that built the corpus committed before the next one; " +
		"the files it names are no longer kept, and the corpus as committed stands for them.\n\n" + strings.Join(secs, "\n\n")
	return append(ns, provenanceNote{name, text})
}
