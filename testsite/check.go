package testsite

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/scamhunt/scamhunt"
)

// Placeholder names that the generator computes itself (see gen.value).
var (
	geoNames   = []string{"city", "district", "street", "landmark", "school"}
	titleNames = []string{"brand", "pay", "paynum", "settle", "n", "job"}
	scamNames  = []string{"brand", "pay", "n", "job"} // scams have no going-rate pay

	bodyNames    = []string{"addr", "company", "person"}
	companyNames = []string{"brand"}
)

// check validates the loaded content: shapes, weights, that every
// placeholder can be resolved where it is used, and that every string is
// encodable in GBK (any of it may appear on a GBK page).
func (c *content) check() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(c.checkCities())
	var err error
	if c.words.trad, err = parseTrad(c.words.Trad); err != nil {
		add(fmt.Errorf("words.yaml: %w", err))
	}
	for _, v := range c.words.Vars {
		for _, s := range v {
			if strings.ContainsAny(s, "{}") {
				add(fmt.Errorf("words.yaml: var value %q holds a placeholder", s))
			}
		}
	}
	global := slices.Sorted(maps.Keys(c.words.Vars))
	add(checkNames("words addr_suffix", c.words.AddrSuffix, companyNames, global))
	add(checkNames("words scam_places", c.words.ScamPlaces, geoNames))
	lines := c.words.Contact.Lines
	for _, ls := range [][]tmpl{lines.WeChat, lines.QQ, lines.Phone} {
		if len(ls) == 0 {
			add(errors.New("words.yaml: empty contact lines"))
		}
		add(checkNames("words contact lines", ls, []string{"c", "person"}))
	}
	for i := range c.jobs {
		add(c.checkJob(i, global))
	}
	for i := range c.scams {
		add(c.checkScam(i, global))
	}
	for _, set := range []struct {
		name string
		arts []article
	}{{"news", c.news}, {"notices", c.notices}} {
		if len(set.arts) == 0 {
			add(fmt.Errorf("%s: none", set.name))
		}
		for i, a := range set.arts {
			for _, r := range a.Related {
				if r < 1 || r > len(c.news) || r == i+1 && set.name == "news" {
					add(fmt.Errorf("%s %d: related news %d out of range", set.name, i+1, r))
				}
			}
			for _, r := range a.Notices {
				if r < 1 || r > len(c.notices) {
					add(fmt.Errorf("%s %d: related notice %d out of range", set.name, i+1, r))
				}
			}
		}
	}
	add(checkGBK(reflect.ValueOf(c).Elem(), "content"))
	return errors.Join(errs...)
}

func (c *content) checkCities() error {
	cs := c.cities
	if len(cs.Served) < 8 {
		return fmt.Errorf("cities.yaml: %d served cities, want >= 8", len(cs.Served))
	}
	seen := map[string]bool{}
	for _, ct := range cs.Served {
		if len(ct.Districts) == 0 || len(ct.Streets) == 0 || len(ct.Landmarks) == 0 || len(ct.Schools) == 0 || ct.Weight <= 0 || ct.Area == "" {
			return fmt.Errorf("cities.yaml: city %s is incomplete", ct.Slug)
		}
		seen[ct.Slug] = true
	}
	if !seen[gbkCity] {
		return fmt.Errorf("cities.yaml: no %s", gbkCity)
	}
	for _, o := range cs.Others {
		if seen[o.Slug] || cat(o.Slug) >= 0 || o.Slug == "city" || o.Slug == "news" || o.Slug == "notice" {
			return fmt.Errorf("cities.yaml: slug %s used twice or reserved", o.Slug)
		}
		seen[o.Slug] = true
	}
	hot := map[string]bool{}
	for _, h := range cs.Hot {
		if !seen[h] || hot[h] {
			return fmt.Errorf("cities.yaml: hot city %q unknown or repeated", h)
		}
		hot[h] = true
	}
	if len(hot) != len(seen) {
		return fmt.Errorf("cities.yaml: hot strip lists %d of %d cities", len(hot), len(seen))
	}
	return nil
}

var payUnits = []string{"天", "小时", "月", "单", "次", "场", "件", "条", "千字", "面议"}

func (c *content) checkJob(i int, global []string) error {
	j := c.jobs[i]
	where := "jobs/" + catSlugs[i] + ".yaml"
	if j.Slug != catSlugs[i] || j.Name == "" || j.Weight <= 0 || len(j.Job) == 0 || len(j.Companies) == 0 || len(j.Titles) == 0 || len(j.Pay) == 0 {
		return fmt.Errorf("%s: incomplete", where)
	}
	for _, p := range j.Pay {
		if !slices.Contains(payUnits, p.Unit) {
			return fmt.Errorf("%s: pay unit %q", where, p.Unit)
		}
		if p.Unit != "面议" && (len(p.Lo) != 2 || len(p.Span) != 2 || p.Step <= 0 || p.Lo[0] > p.Lo[1] || p.Span[0] > p.Span[1]) {
			return fmt.Errorf("%s: bad pay %+v", where, p)
		}
	}
	vars := slices.Sorted(maps.Keys(j.Vars))
	title := slices.Concat(geoNames, titleNames, vars, global)
	body := slices.Concat(title, bodyNames, []string{"phone"})
	return errors.Join(
		checkNames(where+" companies", j.Companies, geoNames, companyNames),
		checkNames(where+" titles", j.Titles, title),
		checkSlots(where, j.Body, body),
	)
}

func (c *content) checkScam(i int, global []string) error {
	s := &c.scams[i]
	where := "scams/" + scamhunt.Categories[i] + ".yaml"
	if s.ID != scamhunt.Categories[i] || len(s.Titles) == 0 || len(s.Salary) == 0 || len(s.SMS) == 0 || len(s.Long) == 0 || len(s.Companies) == 0 {
		return fmt.Errorf("%s: incomplete", where)
	}
	for _, ch := range s.Channels {
		slug, w, ok := strings.Cut(ch, " ")
		n, err := strconv.Atoi(w)
		if k := cat(slug); !ok || err != nil || k < 0 || n <= 0 {
			return fmt.Errorf("%s: bad channel weight %q", where, ch)
		} else {
			s.weights[k] = n
		}
	}
	vars := slices.Sorted(maps.Keys(s.Vars))
	salary := slices.Concat(vars, global)
	title := slices.Concat(geoNames, scamNames, vars, global)
	body := slices.Concat(title, bodyNames, []string{"c"})
	return errors.Join(
		checkNames(where+" companies", s.Companies, geoNames, companyNames),
		checkNames(where+" salary", s.Salary, salary),
		checkNames(where+" titles", s.Titles, title),
		checkNames(where+" sms", s.SMS, body),
		checkSlots(where, s.Long, body),
	)
}

func checkSlots(where string, slots []slotSpec, allowed []string) error {
	if len(slots) == 0 {
		return fmt.Errorf("%s: no body slots", where)
	}
	for _, sl := range slots {
		if len(sl.Texts) == 0 {
			return fmt.Errorf("%s: slot %s has no texts", where, sl.Slot)
		}
		if err := checkNames(where+" "+sl.Slot, sl.Texts, allowed); err != nil {
			return err
		}
	}
	return nil
}

// checkNames reports placeholders in ts that are not in any allowed list.
func checkNames(where string, ts []tmpl, allowed ...[]string) error {
	for _, t := range ts {
		for _, p := range t.parts {
			if p.name == "" {
				continue
			}
			if !slices.ContainsFunc(allowed, func(a []string) bool { return slices.Contains(a, p.name) }) {
				return fmt.Errorf("%s: placeholder {%s} cannot be resolved in %q", where, p.name, t.Src)
			}
		}
	}
	return nil
}

// checkGBK walks every string reachable from v (unexported fields too; they
// are only read) and reports the first one GBK cannot encode.
func checkGBK(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.String:
		return gbkEncodable(v.String(), path)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkGBK(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if err := checkGBK(v.Field(i), path+"."+t.Field(i).Name); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := checkGBK(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		if v.Type().Key().Kind() == reflect.String {
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		}
		for _, k := range keys {
			if err := checkGBK(v.MapIndex(k), path+"."+k.String()); err != nil {
				return err
			}
		}
	}
	return nil
}

// gbkEncodable reports an error naming the first rune of s that GBK lacks.
func gbkEncodable(s, where string) error {
	enc := simplifiedchinese.GBK.NewEncoder()
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if _, err := enc.String(string(r)); err != nil {
			return fmt.Errorf("%s: %q (U+%04X) is not encodable in GBK", where, r, r)
		}
	}
	return nil
}
