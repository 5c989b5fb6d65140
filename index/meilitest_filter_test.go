package index_test

import (
	"fmt"
	"strconv"
	"strings"
)

// The fake's filter expressions follow Meilisearch's filter reference:
// conditions `attr OP value` with OP one of = != > >= < <=, `attr IN [..]`,
// `attr NOT IN [..]`, `attr EXISTS`, `attr NOT EXISTS`, joined by AND, OR
// and NOT with parentheses; keywords are case-insensitive; values are bare
// or quoted with ' or ", where a backslash escapes the next character and
// only an escaped quote is unescaped (as in Meilisearch's filter-parser).
// Equality on strings is case-insensitive; comparisons apply to numbers and
// strings. An array attribute matches when any element does. The filter may
// also be an array of expressions, all of which must hold.

type filterFn func(doc map[string]any) bool

type ftok struct {
	kind byte // 'w' bare word, 's' quoted string, 'o' operator or bracket
	text string
}

func lexFilter(s string) ([]ftok, error) {
	var out []ftok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.ContainsRune("()[],", rune(c)):
			out = append(out, ftok{'o', string(c)})
			i++
		case c == '!' || c == '>' || c == '<' || c == '=':
			if i+1 < len(s) && s[i+1] == '=' && c != '=' {
				out = append(out, ftok{'o', s[i : i+2]})
				i += 2
				continue
			}
			if c == '!' {
				return nil, fmt.Errorf("unexpected `!` at %d", i)
			}
			out = append(out, ftok{'o', string(c)})
			i++
		case c == '"' || c == '\'':
			j, escaped := i+1, false
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' {
					if j+1 >= len(s) {
						return nil, fmt.Errorf("malformed value at %d", i)
					}
					escaped = escaped || s[j+1] == c
					j++
				}
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unclosed quote at %d", i)
			}
			v := s[i+1 : j]
			if escaped {
				v = strings.ReplaceAll(v, `\`+string(c), string(c))
			}
			out = append(out, ftok{'s', v})
			i = j + 1
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\r()[],!<>=\"'", rune(s[j])) {
				j++
			}
			out = append(out, ftok{'w', s[i:j]})
			i = j
		}
	}
	return out, nil
}

type fparser struct {
	toks []ftok
	pos  int
	ix   *fakeIndex
}

// parseFilter compiles a filter parameter (a string or an array of them).
func (ix *fakeIndex) parseFilter(v any) (filterFn, error) {
	switch v := v.(type) {
	case nil:
		return func(map[string]any) bool { return true }, nil
	case string:
		toks, err := lexFilter(v)
		if err != nil {
			return nil, err
		}
		if len(toks) == 0 {
			return func(map[string]any) bool { return true }, nil
		}
		p := &fparser{toks: toks, ix: ix}
		fn, err := p.or()
		if err == nil && p.pos < len(p.toks) {
			err = fmt.Errorf("unexpected %q", p.toks[p.pos].text)
		}
		return fn, err
	case []any:
		var all []filterFn
		for _, e := range v {
			fn, err := ix.parseFilter(e)
			if err != nil {
				return nil, err
			}
			all = append(all, fn)
		}
		return func(d map[string]any) bool {
			for _, fn := range all {
				if !fn(d) {
					return false
				}
			}
			return true
		}, nil
	}
	return nil, fmt.Errorf("filter must be a string or an array, not %T", v)
}

func (p *fparser) peek() (ftok, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return ftok{}, false
}

func (p *fparser) keyword(kw string) bool {
	t, ok := p.peek()
	if ok && t.kind == 'w' && strings.EqualFold(t.text, kw) {
		p.pos++
		return true
	}
	return false
}

func (p *fparser) punct(s string) bool {
	t, ok := p.peek()
	if ok && t.kind == 'o' && t.text == s {
		p.pos++
		return true
	}
	return false
}

func (p *fparser) or() (filterFn, error) {
	left, err := p.and()
	for err == nil && p.keyword("OR") {
		var right filterFn
		if right, err = p.and(); err == nil {
			l := left
			left = func(d map[string]any) bool { return l(d) || right(d) }
		}
	}
	return left, err
}

func (p *fparser) and() (filterFn, error) {
	left, err := p.not()
	for err == nil && p.keyword("AND") {
		var right filterFn
		if right, err = p.not(); err == nil {
			l := left
			left = func(d map[string]any) bool { return l(d) && right(d) }
		}
	}
	return left, err
}

func (p *fparser) not() (filterFn, error) {
	if p.keyword("NOT") {
		fn, err := p.not()
		return func(d map[string]any) bool { return !fn(d) }, err
	}
	if p.punct("(") {
		fn, err := p.or()
		if err == nil && !p.punct(")") {
			err = fmt.Errorf("missing )")
		}
		return fn, err
	}
	return p.condition()
}

func (p *fparser) value() (string, error) {
	t, ok := p.peek()
	if !ok || t.kind == 'o' {
		return "", fmt.Errorf("expected a value at token %d", p.pos)
	}
	p.pos++
	return t.text, nil
}

func (p *fparser) condition() (filterFn, error) {
	attr, err := p.value()
	if err != nil {
		return nil, err
	}
	if !p.ix.filterable(attr) {
		return nil, fmt.Errorf("Attribute `%s` is not filterable. Available filterable attributes are: `%s`.", attr, strings.Join(p.ix.strings("filterableAttributes"), ", "))
	}
	neg := p.keyword("NOT")
	switch {
	case p.keyword("IN"):
		if !p.punct("[") {
			return nil, fmt.Errorf("expected [ after IN")
		}
		var set []string
		for !p.punct("]") {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			set = append(set, v)
			if t, ok := p.peek(); !ok || t.text != "]" && !p.punct(",") {
				return nil, fmt.Errorf("expected , or ] in IN list")
			}
		}
		return func(d map[string]any) bool {
			for _, v := range values(d, attr) {
				for _, s := range set {
					if equal(v, s) {
						return !neg
					}
				}
			}
			return neg
		}, nil
	case p.keyword("EXISTS"):
		return func(d map[string]any) bool { _, ok := d[attr]; return ok != neg }, nil
	case neg:
		return nil, fmt.Errorf("expected IN or EXISTS after NOT")
	}
	t, ok := p.peek()
	if !ok || t.kind != 'o' {
		return nil, fmt.Errorf("expected an operator after %s", attr)
	}
	p.pos++
	lit, err := p.value()
	if err != nil {
		return nil, err
	}
	op := t.text
	return func(d map[string]any) bool {
		vs := values(d, attr)
		if op == "!=" {
			for _, v := range vs {
				if equal(v, lit) {
					return false
				}
			}
			return true
		}
		for _, v := range vs {
			if op == "=" && equal(v, lit) {
				return true
			}
			c, ok := compare(v, lit)
			if ok && (op == ">" && c > 0 || op == ">=" && c >= 0 || op == "<" && c < 0 || op == "<=" && c <= 0) {
				return true
			}
		}
		return false
	}, nil
}

// values are an attribute's values: the elements of an array, or the one.
func values(d map[string]any, attr string) []any {
	switch v := d[attr].(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

func equal(v any, lit string) bool {
	switch v := v.(type) {
	case string:
		return strings.EqualFold(v, lit)
	case float64:
		n, err := strconv.ParseFloat(lit, 64)
		return err == nil && n == v
	case bool:
		return strconv.FormatBool(v) == strings.ToLower(lit)
	}
	return false
}

func compare(v any, lit string) (int, bool) {
	switch v := v.(type) {
	case float64:
		n, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			return 0, false
		}
		switch {
		case v < n:
			return -1, true
		case v > n:
			return 1, true
		}
		return 0, true
	case string:
		return strings.Compare(strings.ToLower(v), strings.ToLower(lit)), true
	}
	return 0, false
}
