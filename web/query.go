package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/postdate"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Paging bounds of ParseQuery.
const (
	MaxLimit  = 100   // largest page size
	MaxOffset = 10000 // deepest result offset a query may ask for
	maxParam  = 256   // bytes in any one parameter
)

// contactLabels are the words people type around a contact ("微信 abc123",
// "QQ:12345"); they are dropped from the text part of a contact search.
// Longest first, so "手机号码" goes before "手机".
var contactLabels = []string{
	"联系方式", "联系电话", "手机号码", "weixin", "wechat", "手机号", "phone",
	"微信", "薇信", "威信", "v信", "扣扣", "企鹅", "电话", "手机", "号码", "电联",
	"tel", "qq", "vx", "wx", "加",
}

// ParseQuery turns search parameters into a Query, rejecting what a search
// form cannot produce: invalid UTF-8, over-long values, unknown labels,
// categories or sorts, bad numbers and pages past MaxOffset.
//
// Parameters: q (words, or a phone/QQ/WeChat in any written form), label,
// category (repeated or comma-separated, any of), city, site, contact, sort
// (relevance, score, newest), page (from 1), limit (1..MaxLimit), since and
// until (YYYY-MM-DD, China time; until is inclusive).
//
// When no contact parameter is given and q contains contacts, q becomes the
// Contact and only its other words, labels like "微信" removed, stay as Text:
// typing a phone number finds the listings carrying it however they wrote it.
func ParseQuery(v url.Values) (scamhunt.Query, error) {
	var q scamhunt.Query
	get := func(name string) (string, error) {
		s := strings.TrimSpace(v.Get(name))
		switch {
		case len(s) > maxParam:
			return "", fmt.Errorf("%s: longer than %d bytes", name, maxParam)
		case !utf8.ValidString(s):
			return "", fmt.Errorf("%s: not valid UTF-8", name)
		case strings.ContainsFunc(s, unicode.IsControl):
			return "", fmt.Errorf("%s: contains control characters", name)
		}
		return s, nil
	}
	var err error
	var text string
	if text, err = get("q"); err != nil {
		return q, err
	}
	if q.Contact, err = get("contact"); err != nil {
		return q, err
	}
	if q.City, err = get("city"); err != nil {
		return q, err
	}
	if q.Site, err = get("site"); err != nil {
		return q, err
	}
	q.Text = text
	if q.Contact == "" && text != "" {
		if cs := contact.Query(text); len(cs) > 0 {
			q.Contact, q.Text = text, residue(text, cs)
		}
	}

	label, err := get("label")
	if err != nil {
		return q, err
	}
	if q.Label = scamhunt.Label(label); label != "" && !q.Label.Valid() {
		return q, fmt.Errorf("label: unknown %q", label)
	}
	if q.Categories, err = categories(v["category"]); err != nil {
		return q, err
	}
	if q.Sort, err = get("sort"); err != nil {
		return q, err
	}
	switch q.Sort {
	case "", scamhunt.SortRelevance, scamhunt.SortScore, scamhunt.SortNewest:
	default:
		return q, fmt.Errorf("sort: unknown %q", q.Sort)
	}

	page, err := number(v, "page", 1, MaxOffset+1, 1)
	if err != nil {
		return q, err
	}
	if q.Limit, err = number(v, "limit", 1, MaxLimit, scamhunt.DefaultLimit); err != nil {
		return q, err
	}
	if q.Offset = (page - 1) * q.Limit; q.Offset > MaxOffset {
		return q, fmt.Errorf("page: %d is past the last %d results", page, MaxOffset)
	}

	if q.Since, err = date(v, "since"); err != nil {
		return q, err
	}
	if q.Until, err = date(v, "until"); err != nil {
		return q, err
	}
	if !q.Until.IsZero() {
		q.Until = q.Until.AddDate(0, 0, 1)
		if q.Until.Before(q.Since) || q.Until.Equal(q.Since) {
			return q, fmt.Errorf("until: before since")
		}
	}
	return q, nil
}

// residue is what a query says besides its contacts cs and their labels.
func residue(text string, cs []scamhunt.Contact) string {
	for _, c := range cs {
		if c.Raw != "" {
			text = strings.Replace(text, c.Raw, " ", 1)
		}
	}
	text = strings.ToLower(textnorm.Fold(text))
	for _, l := range contactLabels {
		text = strings.ReplaceAll(text, l, " ")
	}
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if utf8.RuneCountInString(strings.Join(words, "")) <= 1 {
		return ""
	}
	return strings.Join(words, " ")
}

func categories(vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if !slices.Contains(scamhunt.Categories, c) {
				if len(c) > 32 || !utf8.ValidString(c) {
					return nil, fmt.Errorf("category: unknown")
				}
				return nil, fmt.Errorf("category: unknown %q", c)
			}
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func number(v url.Values, name string, lo, hi, def int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		if len(s) > 20 || !utf8.ValidString(s) {
			return 0, fmt.Errorf("%s: want a number from %d to %d", name, lo, hi)
		}
		return 0, fmt.Errorf("%s: %q is not a number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

func date(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, postdate.Shanghai())
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a date like 2024-05-01", name)
	}
	return t, nil
}
