package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/scamhunt/scamhunt"
)

// categoryNotes says in a line what each scam type looks like.
var categoryNotes = map[string]string{
	"shuadan":          "order brushing / paid tasks: buy items or like/follow for commission, small payout first",
	"baishi":           "pay a fee to become an apprentice or take a course that promises income",
	"deposit":          "job requires paying first: deposit, membership, training, uniform or check-up fee",
	"typing":           "typing, copying or handcraft outsourcing with a materials fee and refused output",
	"advance":          "pay or top up first to get it back with a bonus; unfreezing fees",
	"review_extortion": "paid reviews, bad-review armies, complaints used to extort sellers",
	"downline":         "earn by recruiting others: downlines, QR codes, invitation rewards",
}

var labelNotes = []struct {
	label scamhunt.Label
	note  string
}{
	{scamhunt.LabelScam, "strong evidence of one or more scam types (see categories and reasons)"},
	{scamhunt.LabelSuspicious, "some scam signals, not enough to call it a scam; needs review"},
	{scamhunt.LabelLegit, "no scam signal found; not a guarantee the job is genuine"},
}

// md collects the first write error so the card reads as straight prose.
type md struct {
	w   *bufio.Writer
	err error
}

func (m *md) f(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "|", `\|`, `\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`,
	"[", `\[`, "]", `\]`, "#", `\#`, "\r", " ", "\n", " ",
)

// esc makes text safe inside Markdown prose and table cells: markup is
// escaped and control characters become spaces.
func esc(s string) string {
	return mdEscaper.Replace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' {
			return ' '
		}
		return r
	}, s))
}

// yamlString quotes s as a YAML double-quoted scalar (a JSON string is one).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "n/a"
	}
	return t.UTC().Format("2006-01-02")
}

func pct(n, of int) string {
	if of == 0 {
		return "0.0%"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// Name is the card's pretty name.
func (c Card) Name() string {
	if c.Source == "" {
		return "scamhunt part-time job ads"
	}
	return "scamhunt part-time job ads: " + c.Source
}

// Synthetic reports whether the rows come from the bundled demo board.
func (c Card) Synthetic() bool { return c.Sites["demo"] > 0 }

// WriteMarkdown writes the data card: YAML front matter in the style of
// Hugging Face dataset cards, then sources, counts, schema, label
// definitions, labelling method, limits, personal data handling, licence
// and citation.
func (c Card) WriteMarkdown(w io.Writer) error {
	m := &md{w: bufio.NewWriter(w)}
	c.frontMatter(m)
	c.sources(m)
	c.counts(m)
	c.schema(m)
	c.labels(m)
	c.limits(m)
	c.personalData(m)
	c.licence(m)
	if m.err != nil {
		return fmt.Errorf("write data card: %w", m.err)
	}
	if err := m.w.Flush(); err != nil {
		return fmt.Errorf("write data card: %w", err)
	}
	return nil
}

func (c Card) frontMatter(m *md) {
	m.f("---\npretty_name: %s\nlanguage:\n- zh\nlicense: other\nlicense_name: source-site-terms\n", yamlString(c.Name()))
	m.f("license_details: %s\n", yamlString("Ads remain subject to the terms of the sites they were crawled from; shared for research on job-ad fraud only."))
	m.f("task_categories:\n- text-classification\ntask_ids:\n- multi-class-classification\nsize_categories:\n- %s\n", SizeCategory(c.Rows))
	m.f("tags:\n- fraud-detection\n- scam-detection\n- job-ads\n- part-time-jobs\n- chinese\n")
	if c.MaskPII {
		m.f("- pii-masked\n")
	} else {
		m.f("- contains-pii\n")
	}
	if c.Synthetic() {
		m.f("- synthetic\n")
	}
	m.f("---\n\n# %s\n\n", esc(c.Name()))
	m.f("%d part-time job ads (兼职) crawled by scamhunt, each labelled scam, suspicious or legit, with the scam types found and the evidence behind the label. Exported %s as %s", c.Rows, c.Generated.Format(time.RFC3339), c.Format)
	if c.MaskPII {
		m.f(", contact details masked")
	}
	m.f(".\n\n")
}

func (c Card) sources(m *md) {
	m.f("## Sources and crawl dates\n\n")
	if c.Source != "" {
		m.f("Source: %s.\n\n", esc(c.Source))
	}
	m.f("| site | rows |\n|---|---:|\n")
	for _, s := range slices.Sorted(maps.Keys(c.Sites)) {
		m.f("| %s | %d |\n", esc(s), c.Sites[s])
	}
	m.f("\n- First seen by the crawler: %s to %s\n", day(c.FirstSeen.Min), day(c.FirstSeen.Max))
	m.f("- Last seen by the crawler: %s to %s\n", day(c.LastSeen.Min), day(c.LastSeen.Max))
	m.f("- Posting dates stated by the boards: %s to %s\n", day(c.Posted.Min), day(c.Posted.Max))
	m.f("- Gone from the site at the last crawl (removed): %d\n", c.Removed)
	f := c.Filter
	if f.Label != "" || f.Site != "" || !f.Since.IsZero() {
		m.f("- Export filter: label=%s site=%s first seen since=%s (the posting date stands in when first seen is unknown)\n",
			esc(string(f.Label)), esc(f.Site), day(f.Since))
	}
	m.f("\n")
}

func (c Card) counts(m *md) {
	m.f("## Counts\n\n### By label\n\n| label | rows (effective) | share | rows (model) |\n|---|---:|---:|---:|\n")
	for _, l := range labelNotes {
		m.f("| %s | %d | %s | %d |\n", l.label, c.Labels[l.label], pct(c.Labels[l.label], c.Rows), c.ModelLabels[l.label])
	}
	m.f("| total | %d | 100%% | %d |\n\n", c.Rows, c.Rows)
	m.f("### By scam type\n\nA row counts once under each scam type it shows, so the column sums can exceed the row count.\n\n")
	m.f("| category | name | scam | suspicious | legit | total |\n|---|---|---:|---:|---:|---:|\n")
	cats := slices.Clone(scamhunt.Categories)
	for _, k := range slices.Sorted(maps.Keys(c.Categories)) {
		if !slices.Contains(cats, k) {
			cats = append(cats, k)
		}
	}
	for _, k := range cats {
		n := c.Categories[k]
		m.f("| %s | %s | %d | %d | %d | %d |\n", esc(k), esc(scamhunt.CategoryNames[k]),
			n[scamhunt.LabelScam], n[scamhunt.LabelSuspicious], n[scamhunt.LabelLegit],
			n[scamhunt.LabelScam]+n[scamhunt.LabelSuspicious]+n[scamhunt.LabelLegit])
	}
	m.f("| (none) | 无 | | | | %d |\n\n", c.Uncategorised)
	m.f("### By board category (top 20)\n\n| board category | rows |\n|---|---:|\n")
	bc := slices.SortedFunc(maps.Keys(c.BoardCategories), func(a, b string) int {
		if d := c.BoardCategories[b] - c.BoardCategories[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for _, k := range bc[:min(20, len(bc))] {
		name := k
		if name == "" {
			name = "(not stated)"
		}
		m.f("| %s | %d |\n", esc(name), c.BoardCategories[k])
	}
	m.f("\n")
}

// trainFields are the keys of a FormatTrain line.
var trainFields = []struct{ name, meaning string }{
	{"id", "stable listing ID"}, {"title", "ad title as posted"}, {"body", "ad text as posted"},
	{"salary", "pay as written in the ad"}, {"company", "employer name as posted"},
	{"contacts", "contact details: kind, canonical value, text as found"}, {"city", "city as stated by the board"},
	{"url", "canonical URL of the listing"}, {"label", "the reviewer's label: scam or legit"},
	{"category", "for a scam, the first scam type the classifier found"},
}

func (c Card) schema(m *md) {
	if c.Format == FormatTrain {
		m.f("## Fields\n\nLabelled JSONL, the input of `scamhunt train` and `scamhunt eval`: only the listings a reviewer labelled scam or legit, one JSON object per line.\n\n| key | meaning |\n|---|---|\n")
		for _, f := range trainFields {
			m.f("| %s | %s |\n", f.name, esc(f.meaning))
		}
		m.f("\n")
		return
	}
	m.f("## Fields\n\n| column | type | meaning |\n|---|---|---|\n")
	for _, col := range columns {
		m.f("| %s | %s | %s |\n", col.name, esc(col.typ), esc(col.meaning))
	}
	m.f("\nEncoding: in JSONL, contacts, categories and reasons are JSON arrays and a missing time key means unknown. ")
	m.f("In CSV they are cells holding JSON arrays, times are RFC 3339 and an empty time cell means unknown. ")
	m.f("In Parquet, contacts is a LIST of (kind, value, raw) groups, categories a LIST of strings, reasons a JSON string column and times nullable UTC timestamps. ")
	m.f("All text is UTF-8 with line endings normalised to \\n. `scamhunt/dataset` has ReadJSONL, ReadCSV and ReadParquet to load an export back.\n\n")
}

func (c Card) labels(m *md) {
	m.f("## Labels\n\n")
	for _, l := range labelNotes {
		m.f("- **%s**: %s.\n", l.label, l.note)
	}
	m.f("\nScam types (`categories`, and `category` of each reason):\n\n| category | name | what the ad says |\n|---|---|---|\n")
	for _, k := range scamhunt.Categories {
		m.f("| %s | %s | %s |\n", k, scamhunt.CategoryNames[k], categoryNotes[k])
	}
	m.f("\n## How the labels were made\n\n")
	m.f("`model_label`, `score`, `categories` and `reasons` come from scamhunt's classifier: hand-written rules over the ad's text (with width, case and traditional/simplified folding) and a model over their features; every flag carries the rule, words and weight that fired it. ")
	c.classifiers(m)
	m.f("A reviewer overrode or confirmed %d labels (%d of them changed the model's label); `label` is the reviewer's label where there is one, else the model's.\n\n", c.HumanLabels, c.HumanChanged)
}

func (c Card) limits(m *md) {
	m.f("## Known biases and limits\n\n")
	m.f("- Labels are triage, not proof: a scam label means the ad shows the signals of a known scam type, not that a court or the police found fraud. Legit means no signal was found.\n")
	m.f("- Most labels are machine-made. Rules over words miss new wording and can fire on honest ads that warn about the same words (\"无需押金\", \"谨防诈骗\"); only %d rows were reviewed by a person.\n", c.HumanLabels)
	if c.Synthetic() {
		m.f("- Rows from the site \"demo\" come from scamhunt's bundled demo board: synthetic ads written for testing, not real postings. Do not draw conclusions about real boards from them.\n")
	}
	m.f("- Coverage is what the crawler reached on the sites above between the crawl dates, within robots.txt rules and depth limits; boards, cities and categories are not sampled evenly, and ads removed before a crawl are missing.\n")
	m.f("- Fields come from automatic extraction of each board's pages and can be wrong or empty; salaries are parsed from free text.\n")
	m.f("- Ads are attacker-written text. Treat every field as untrusted: escape it before display. A CSV cell may start with \"=\" or \"+\"; disable formula evaluation before opening the CSV in a spreadsheet.\n\n")
}

func (c Card) personalData(m *md) {
	m.f("## Personal data\n\n")
	if !c.MaskPII {
		m.f("This export is **not masked**: it contains contact details (phone numbers, QQ, WeChat, e-mail, Telegram) and contact names as posted. ")
		m.f("Handle it as personal data under the laws that apply to you (e.g. PIPL, GDPR); export with --mask-pii before sharing it.\n\n")
		return
	}
	m.f("Contact details were masked before writing:\n\n")
	m.f("- Every phone, QQ, WeChat, e-mail and Telegram contact (value and raw text) and the contact name are replaced by a keyed hash: `kind:` followed by the first %d hex digits of HMAC-SHA256 over the kind and canonical value, e.g. `phone:7f3a9c0e12ab45cd`; contact names use the kind `%s`.\n", TokenHexLen, KindPerson)
	m.f("- The title, body, salary text, company, city, category, URL, reviewer note and evidence text are read with the contact finder the classifier uses, and every contact it finds is replaced by the same hash, however it is written: full-width or Chinese-numeral digits (一三八…, 壹叁捌…), separators and symbols between digits, disguised labels (薇信, V信, vx, 扣扣, 企鹅 …), IDs typed with spaces, addresses with \"@\" and \".\" spelled out (\"at … dot com\"), a contact written twice in two forms. Names after a contact label (联系人, 负责人, 联系 …) and a common surname with a title (王先生, 李小姐) are replaced by `%s:` hashes.\n", KindPerson)
	m.f("- As a second net, each occurrence of the listing's own contacts and contact name (from %d characters; names from %d) is replaced wherever it appears, ignoring case, width and traditional/simplified forms, and so are any 11-digit mobile number starting 13-19, numbers after QQ labels, IDs after WeChat labels, Telegram handles and e-mail addresses.\n", minNeedle, minNameNeedle)
	if c.MaskKeyed {
		m.f("- The key was supplied by the publisher (`--mask-key`) and is not part of this export: releases masked with the same key give the same contact the same hash, so they can be linked to each other, and only the key's holder can test a guess. Within this export the same contact always has the same hash.\n")
	} else {
		m.f("- The key (32 random bytes drawn for this export) is never stored or written anywhere, so hashes cannot be reversed by trying numbers. Within this export the same contact always has the same hash, so listings sharing a contact still group together; another export uses another key, so hashes do not link across exports.\n")
	}
	m.f("- The byte offsets (start, end) of reasons are dropped, since they pointed into the unmasked text.\n")
	m.f("- Not masked: URL contacts (web sites, app links) apart from any phone or e-mail inside them, company names, and people's names not written as a contact name. A contact disguised in a way the contact finder does not read can remain.\n\n")
}

func (c Card) licence(m *md) {
	m.f("## Licence\n\n")
	m.f("The ads are the work of their posters and remain subject to the terms of the sites they were crawled from; scamhunt claims no rights in them. ")
	m.f("The labels, evidence and this card are shared for non-commercial research on job-ad fraud and its prevention. Do not re-publish the ads or use the contact details to reach the posters.\n\n")
	m.f("## How to cite\n\n```bibtex\n@misc{scamhunt_%d,\n  title  = {%s},\n  author = {{scamhunt contributors}},\n  year   = {%d},\n  note   = {Exported %s; classifier %s; %d rows}\n}\n```\n",
		c.Generated.Year(), bibtex(c.Name()), c.Generated.Year(), day(c.Generated), bibtex(c.classifierNote()), c.Rows)
}

// classifiers says what made the verdicts of the rows, as the rows record
// it: one classifier, or a mix listed with its counts.
func (c Card) classifiers(m *md) {
	if c.Rows == 0 {
		m.f("No rows, so no classifier to report.\n\n")
		return
	}
	if k := c.Classifier(); k != "" {
		m.f("Classifier of every row: %s", esc(k))
		if len(c.Tools) == 1 {
			for t := range c.Tools {
				m.f(" (scamhunt %s)", esc(t))
			}
		}
		m.f(", verdicts made %s to %s.\n\n", day(c.Classified.Min), day(c.Classified.Max))
	} else {
		if c.Classifiers[NotRecorded] == c.Rows {
			m.f("Classifier: not recorded for any row (the verdicts predate scamhunt keeping it; `scamhunt reclassify` records it).\n\n")
		} else {
			m.f("The rows were classified by %d different classifiers (a mix: verdicts from crawls or re-classifications with different rules or models); each row says which in its `rules` and `model` columns:\n\n", len(c.Classifiers))
			m.f("| classifier | rows |\n|---|---:|\n")
			for _, k := range slices.Sorted(maps.Keys(c.Classifiers)) {
				m.f("| %s | %d |\n", esc(k), c.Classifiers[k])
			}
			m.f("\nVerdicts made %s to %s.\n\n", day(c.Classified.Min), day(c.Classified.Max))
		}
	}
	if len(c.Tools) > 1 {
		m.f("scamhunt builds that made the verdicts:\n\n| build | rows |\n|---|---:|\n")
		for _, t := range slices.Sorted(maps.Keys(c.Tools)) {
			m.f("| %s | %d |\n", esc(t), c.Tools[t])
		}
		m.f("\n")
	}
}

// classifierNote is the classifier for the citation.
func (c Card) classifierNote() string {
	switch k := c.Classifier(); {
	case k != "":
		return k
	case len(c.Classifiers) > 1:
		return fmt.Sprintf("a mix of %d classifiers", len(c.Classifiers))
	}
	return NotRecorded
}

// bibtex keeps s from closing the BibTeX braces or the code fence.
func bibtex(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '{' || r == '(':
			return '('
		case r == '}' || r == ')':
			return ')'
		case r == '`':
			return '\''
		case r == '\\' || unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}
