package extract_test

import "testing"

// TestDecodeCases checks the charsets of the golden cases stored as a
// crawl would have them on disk.
func TestDecodeCases(t *testing.T) {
	want := map[string]string{
		"demo/detail_gbk_nometa":            "gb18030",
		"demo/detail_gbk_meta_late":         "gbk",
		"demo/detail_gbk_header":            "gbk",
		"tableboard/detail":                 "gbk",
		"tableboard/detail_contact_br":      "gb18030",
		"tableboard/generic_notice":         "gb18030",
		"tableboard/generic_detail_big5":    "big5",
		"demo/detail_plain":                 "utf-8",
		"mobile/generic_detail_traditional": "utf-8",
		"spanpairs/detail_stray_bytes":      "utf-8",
		"sibdivs/detail":                    "gb18030",
		"celltitle/detail":                  "gbk",
		"ganji/detail":                      "gbk",
		"qqpost/detail":                     "utf-8",
		"qqpost/detail_big5":                "big5",
		"big5board/detail":                  "big5",
		"big5board/detail_undeclared":       "big5",
	}
	seen := 0
	for _, c := range loadCases(t) {
		cs, ok := want[c.site+"/"+c.name]
		if !ok {
			continue
		}
		seen++
		if got := c.page(t).Charset; got != cs {
			t.Errorf("%s: charset %q, want %q", c.file, got, cs)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d cases named here", seen, len(want))
	}
}
