package testsite

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// tmpl is a content string with {name} placeholders, split once at load.
type tmpl struct {
	Src   string
	parts []part
}

type part struct {
	lit  string
	name string // a placeholder when not empty
}

// UnmarshalYAML decodes a YAML string into a tmpl.
func (t *tmpl) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	p, err := parseTmpl(s)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*t = p
	return nil
}

func parseTmpl(s string) (tmpl, error) {
	t := tmpl{Src: s}
	rest := s
	for rest != "" {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			t.parts = append(t.parts, part{lit: rest})
			break
		}
		if rest[i] == '}' {
			return tmpl{}, fmt.Errorf("unbalanced } in %q", s)
		}
		if i > 0 {
			t.parts = append(t.parts, part{lit: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return tmpl{}, fmt.Errorf("unclosed { in %q", s)
		}
		name := rest[i+1 : i+j]
		for _, r := range name {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
				return tmpl{}, fmt.Errorf("bad placeholder {%s} in %q", name, s)
			}
		}
		if name == "" {
			return tmpl{}, fmt.Errorf("empty placeholder in %q", s)
		}
		t.parts = append(t.parts, part{name: name})
		rest = rest[i+j+1:]
	}
	return t, nil
}

// has reports whether t uses the placeholder.
func (t tmpl) has(name string) bool {
	for _, p := range t.parts {
		if p.name == name {
			return true
		}
	}
	return false
}

// segKind says how a run of ad body text is marked up.
type segKind int

const (
	segText segKind = iota
	segSpan         // wrapped in <span>, as boards split contacts
	segBR           // a <br> line break; Text is empty
)

// seg is a run of an ad body. Fixed runs (contacts) are left alone by the
// traditional-character and symbol-breaking passes.
type seg struct {
	Text  string
	Kind  segKind
	fixed bool
}

// para is one <p> of an ad body.
type para []seg

func (p para) text() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteString(s.Text)
	}
	return b.String()
}

func textPara(s string) para { return para{{Text: s}} }

// mapText applies f to every unfixed text run.
func (p para) mapText(f func(string) string) para {
	out := make(para, len(p))
	for i, s := range p {
		if !s.fixed && s.Kind != segBR {
			s.Text = f(s.Text)
		}
		out[i] = s
	}
	return out
}

// toTrad swaps simplified characters for traditional ones with
// probability p each, as ads dodging keyword filters do (刷單, 傭金).
func toTrad(s string, m map[rune]rune, p float64, r *rand.Rand) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if t, ok := m[c]; ok && r.Float64() < p {
			c = t
		}
		b.WriteRune(c)
	}
	return b.String()
}

// breakWords inserts a symbol inside some of the words (刷★单), as ads
// dodging filters do.
func breakWords(s string, words, symbols []string, r *rand.Rand) string {
	for _, w := range words {
		if !strings.Contains(s, w) || r.IntN(3) == 0 {
			continue
		}
		_, n := utf8.DecodeRuneInString(w)
		s = strings.ReplaceAll(s, w, w[:n]+pick(r, symbols)+w[n:])
	}
	return s
}

// truncate cuts s to at most n runes, adding an ellipsis when cut.
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickWeighted returns an index drawn with the given weights.
func pickWeighted(r *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}
