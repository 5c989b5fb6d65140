package extract

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt"
)

// Check is what a profile and the generic extractor each make of one page,
// field by field: what `scamhunt profile check` shows an operator writing a
// profile.
type Check struct {
	Kind        scamhunt.PageKind `json:"kind"` // with the profile
	Why         string            `json:"why"`
	GenericKind scamhunt.PageKind `json:"generic_kind"` // without it
	GenericWhy  string            `json:"generic_why"`
	Fields      []FieldCheck      `json:"fields"`
}

// FieldCheck is one detail field of a Check.
type FieldCheck struct {
	Field    string   `json:"field"`              // the key in Fields: title, salary ...
	Selector string   `json:"selector,omitempty"` // the profile's, "" when it has none
	Profile  []string `json:"profile"`            // what the selector read, nil when it matched nothing
	Generic  string   `json:"generic"`            // what the generic extractor read
	How      string   `json:"how,omitempty"`      // how the generic extractor found it (table, h1, prose ...)
	// Used says where the listing, extracted with the profile, took the
	// field from: "profile", "generic", or "" when it has none (or the
	// profile gives no detail listing for the page).
	Used string `json:"used"`
}

// Check extracts p with the profile and with the generic extractor and
// compares them field by field. Only a page that cannot be read is an
// error.
func (e *Extractor) Check(p scamhunt.Page) (Check, error) {
	withProfile, err := e.Extract(p)
	if err != nil {
		return Check{}, err
	}
	g, err := New(Profile{})
	if err != nil {
		return Check{}, err
	}
	generic, err := g.Extract(p)
	if err != nil {
		return Check{}, err
	}
	c := Check{Kind: withProfile.Kind, Why: withProfile.Why, GenericKind: generic.Kind, GenericWhy: generic.Why}
	read := map[field][]string{}
	if u, err := url.Parse(p.URL); err == nil && len(p.Body) > 0 {
		if pg, err := e.read(p, u); err == nil {
			read = e.selectorValues(pg)
		}
	}
	var gl, pl *scamhunt.Listing
	if generic.Kind == scamhunt.KindDetail && len(generic.Listings) == 1 {
		gl = &generic.Listings[0]
	}
	if withProfile.Kind == scamhunt.KindDetail && len(withProfile.Listings) == 1 {
		pl = &withProfile.Listings[0]
	}
	sels := e.c.fields.ptrs()
	for _, f := range detailFields {
		fc := FieldCheck{Field: fieldNames[f], Selector: *sels[f], Profile: read[f]}
		if gl != nil {
			fc.Generic, fc.How = listingValue(gl, f), gl.Methods[fieldNames[f]]
		}
		if pl != nil && listingValue(pl, f) != "" {
			fc.Used = "generic"
			if pl.Methods[fieldNames[f]] == "profile" {
				fc.Used = "profile"
			}
		}
		c.Fields = append(c.Fields, fc)
	}
	return c, nil
}

// selectorValues is what each of the profile's detail selectors reads, as
// the extractor reads it.
func (e *Extractor) selectorValues(pg *page) map[field][]string {
	var hits [nFields][]*html.Node
	e.matchFields(pg.root, &hits)
	out := map[field][]string{}
	for f, nodes := range hits {
		for _, n := range nodes {
			var v string
			switch field(f) {
			case fBody:
				v = clip(oneLine(blockText(n)), 80)
			default:
				v = fieldText(n)
			}
			if v != "" {
				out[field(f)] = append(out[field(f)], v)
			}
		}
	}
	return out
}

// listingValue is a listing's field as text.
func listingValue(l *scamhunt.Listing, f field) string {
	switch f {
	case fTitle:
		return l.Title
	case fSalary:
		if l.Pay != nil && (l.Pay.Min > 0 || l.Pay.Max > 0) {
			return fmt.Sprintf("%s (%s)", l.SalaryText, payText(*l.Pay))
		}
		return l.SalaryText
	case fLocation:
		return l.Location
	case fHeadcount:
		if l.Headcount > 0 {
			return strconv.Itoa(l.Headcount)
		}
	case fContactPerson:
		return l.ContactPerson
	case fPhone, fQQ, fWeChat:
		kind := map[field]scamhunt.ContactKind{fPhone: scamhunt.ContactPhone, fQQ: scamhunt.ContactQQ, fWeChat: scamhunt.ContactWeChat}[f]
		var vs []string
		for _, c := range l.Contacts {
			if c.Kind == kind {
				vs = append(vs, c.Value)
			}
		}
		return strings.Join(vs, ", ")
	case fCompany:
		return l.Company
	case fPosted:
		if !l.PostedAt.IsZero() {
			return l.PostedAt.Format("2006-01-02 15:04")
		}
	case fBody:
		return clip(oneLine(l.Body), 80)
	case fCity:
		return l.City
	case fCategory:
		return l.Category
	}
	return ""
}

// payText renders structured pay: 150-200 元/day.
func payText(p scamhunt.Salary) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	s := f(p.Min)
	if p.Max > 0 && p.Max != p.Min {
		s += "-" + f(p.Max)
	} else if p.Max == 0 {
		s += "+"
	}
	s += " " + p.Unit
	if p.Period != "" {
		s += "/" + p.Period
	}
	return s
}

// detailFields are the fields of Fields, in order.
var detailFields = []field{fTitle, fSalary, fLocation, fHeadcount, fContactPerson, fPhone, fQQ, fWeChat, fCompany, fPosted, fBody, fCity, fCategory}

// ptrs points at the Fields' selectors by field.
func (d *Fields) ptrs() map[field]*string {
	return map[field]*string{
		fTitle: &d.Title, fSalary: &d.Salary, fLocation: &d.Location, fHeadcount: &d.Headcount,
		fContactPerson: &d.ContactPerson, fPhone: &d.Phone, fQQ: &d.QQ, fWeChat: &d.WeChat, fCompany: &d.Company,
		fPosted: &d.Posted, fBody: &d.Body, fCity: &d.City, fCategory: &d.Category,
	}
}
