// Package realcorpus reads, checks and merges the real-text corpus of
// package classify (classify/testdata/real): texts real scammers,
// advertisers, police and officials wrote, quoted verbatim by news, police
// bulletins, court judgments, public datasets and forums, each with its
// source. Command realimport rebuilds the corpus with it; the corpus tests
// hold its integrity and its independence from the sealed evaluation set.
package realcorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Record is one line of the corpus, keys in the order CORPUS.md gives: the
// classify input fields plus label, category, source, source_type, date,
// kind and, on a context line, context. Salary, company, city and url are kept when a source has them.
type Record struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Salary     string `json:"salary,omitempty"`
	Company    string `json:"company,omitempty"`
	City       string `json:"city,omitempty"`
	URL        string `json:"url,omitempty"`
	Label      string `json:"label"`
	Category   string `json:"category"`
	Source     string `json:"source"`
	SourceType string `json:"source_type"`
	Date       string `json:"date"`
	Kind       string `json:"kind"`
	// Context marks a scam text that carries no scam element on its own
	// (classify.Example.Context), from the context table (ReadContext).
	Context bool `json:"context,omitempty"`
}

// SourceTypes are the kinds of source a text may come from.
var SourceTypes = []string{"news quote", "police bulletin", "judgment", "dataset", "forum"}

// ScamKinds and HonestKinds are what a text itself is.
var (
	ScamKinds   = []string{"ad", "sms", "chat", "post"}
	HonestKinds = []string{"ad", "warning", "message", "news", "chat"}
)

// MaxRunes bounds one record: a quotation, not a whole article.
const MaxRunes = 4000

var datePattern = regexp.MustCompile(`^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$`)

// Check reports the first thing wrong with r: a missing id, text or
// source, a label, category, source type, date or kind outside the
// corpus's vocabulary, or a text longer than MaxRunes.
func (r Record) Check() error {
	switch {
	case strings.TrimSpace(r.ID) == "":
		return errors.New("no id")
	case strings.TrimSpace(r.Title+r.Body) == "":
		return errors.New("no text")
	case utf8.RuneCountInString(r.Title+r.Body) > MaxRunes:
		return fmt.Errorf("text longer than %d runes: quote the ad, not the article", MaxRunes)
	case strings.TrimSpace(r.Source) == "":
		return errors.New("no source")
	case !slices.Contains(SourceTypes, r.SourceType):
		return fmt.Errorf("source_type %q: want one of %s", r.SourceType, strings.Join(SourceTypes, ", "))
	case !datePattern.MatchString(r.Date):
		return fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or empty", r.Date)
	}
	kinds := ScamKinds
	switch scamhunt.Label(r.Label) {
	case scamhunt.LabelScam:
		if r.Category != classify.CategoryOther && !slices.Contains(scamhunt.Categories, r.Category) {
			return fmt.Errorf("scam category %q: want one of %s, %s", r.Category, strings.Join(scamhunt.Categories, ", "), classify.CategoryOther)
		}
	case scamhunt.LabelLegit:
		if !slices.Contains(classify.HonestCategories, r.Category) {
			return fmt.Errorf("legit category %q: want one of %s", r.Category, strings.Join(classify.HonestCategories, ", "))
		}
		kinds = HonestKinds
	default:
		return fmt.Errorf("label %q: want scam or legit", r.Label)
	}
	if !slices.Contains(kinds, r.Kind) {
		return fmt.Errorf("kind %q of a %s text: want one of %s", r.Kind, r.Label, strings.Join(kinds, ", "))
	}
	return nil
}

// Key is the text of r as duplicates are found: title and body folded
// (full width, case, traditional to simplified) with everything but
// letters and digits dropped, so punctuation, spacing and script do not
// make a copy new.
func (r Record) Key() string {
	var b strings.Builder
	for _, c := range textnorm.Fold(r.Title + "\n" + r.Body) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Line is a record with where it was read.
type Line struct {
	Record
	File string
	N    int // line number, from 1
}

// ReadFile reads the records of a JSONL file. A line that is not a JSON
// object is an error naming the file and line; blank lines are skipped.
func ReadFile(path string) ([]Line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ls, err := Read(f, path)
	if err != nil {
		return nil, err
	}
	return ls, nil
}

// Read reads records from r; name is the file name given in lines and
// errors.
func Read(r io.Reader, name string) ([]Line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var out []Line
	for n := 1; sc.Scan(); n++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		out = append(out, Line{Record: rec, File: name, N: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Write writes records as JSON lines, keys in corpus order, non-ASCII and
// HTML characters as they are.
func Write(w io.Writer, recs []Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
