package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/classify"
)

// writeJSONL writes records as JSON lines into dir/name.
func writeJSONL(t *testing.T, dir, name string, recs []map[string]string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEvalCrossValidation runs `scamhunt eval --cv` on a small real-style
// corpus: the report breaks recall down by source type, kind and scam
// type, false flags by honest kind, the keyword baseline beside, then
// scores a shared file of honest ads.
func TestEvalCrossValidation(t *testing.T) {
	dir := t.TempDir()
	var real []map[string]string
	for p := range 6 {
		for i := range 3 {
			real = append(real,
				map[string]string{"id": fmt.Sprintf("s%d-%d", p, i), "body": fmt.Sprintf("兼职刷单第%d单，佣金日结，加微信 kk%d%d88", i, p, i),
					"label": "scam", "category": "shuadan", "source": fmt.Sprintf("https://news.test/%d.html", p),
					"source_type": "news quote", "kind": "ad"},
				map[string]string{"id": fmt.Sprintf("w%d-%d", p, i), "body": fmt.Sprintf("民警提醒：刷单都是诈骗，第%d条", i),
					"label": "legit", "category": "warning", "source": fmt.Sprintf("https://police.test/%d.html", p),
					"source_type": "police bulletin", "kind": "warning"})
		}
	}
	in := writeJSONL(t, dir, "real.jsonl", real)
	synthetic := writeJSONL(t, dir, "synthetic.jsonl", []map[string]string{
		{"id": "x1", "title": "服务员", "body": "餐厅招服务员，月薪4000", "company": "某餐厅", "label": "legit"},
		{"id": "x2", "title": "刷单", "body": "淘宝刷单，一单一结", "label": "scam", "category": "shuadan"},
	})
	shared := writeJSONL(t, dir, "honest.jsonl", []map[string]string{
		{"id": "h1", "title": "收银员", "body": "超市招收银员，不收押金", "company": "永辉超市", "label": "legit"},
	})
	kw := filepath.Join(dir, "keywords.txt")
	if err := os.WriteFile(kw, []byte("刷单\n押金\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "eval", "--cv", "--folds", "3", "--in", in, "--synthetic", synthetic,
		"--baseline", kw, "--shared", shared, "--cases", "0")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range [][]string{
		{"scam", "texts", "texts", "flagged", "95%", "interval", "labelled", "scam", "with", "content", "flagged", "of", "those",
			"95%", "interval", "keyword", "baseline", "of", "those", "keyword", "baseline"},
		{"news", "quote", "18"},
		// 18 of 18 flagged: Wilson's interval, 0.824 to 1
		{"ad", "18", "1.000", "0.824-1.000"},
		{"shuadan", "18"},
		{"warning", "18"},
	} {
		if !slices.ContainsFunc(strings.Split(out, "\n"), func(line string) bool {
			f := strings.Fields(line)
			return len(f) >= len(row) && slices.Equal(f[:len(row)], row)
		}) {
			t.Errorf("eval --cv output lacks a row starting %q:\n%s", row, out)
		}
	}
	// Every scam text holds 刷单, so the baseline flags them all: its
	// column, the last, reads 1.000 on the scam rows and on the warnings.
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && (f[0] == "shuadan" || f[0] == "warning") && f[len(f)-1] != "1.000" {
			t.Errorf("baseline column of %q = %s, want 1.000", line, f[len(f)-1])
		}
	}
	for _, part := range []string{"texts of never-read source groups", "texts of read source groups"} {
		if !strings.Contains(out, part) {
			t.Errorf("eval --cv output lacks the section of the %s:\n%s", part, out)
		}
	}
	if !strings.Contains(out, "== "+shared+" (never trained on), bundled classifier") {
		t.Errorf("eval --cv output lacks the shared file's section:\n%s", out)
	}
	// --subset reports the texts a file names by id apart (the ../shared
	// dev files in make eval): three scam texts of one page and a warning
	// named, one id that --in lacks.
	sub := writeJSONL(t, dir, "dev.jsonl", []map[string]string{
		{"id": "s0-0", "body": "x", "label": "scam"}, {"id": "s0-1", "body": "x", "label": "scam"},
		{"id": "s0-2", "body": "x", "label": "scam"}, {"id": "w1-0", "body": "x", "label": "legit"},
		{"id": "gone", "body": "x", "label": "scam"},
	})
	out, _, err = run(t, "", "eval", "--cv", "--folds", "3", "--in", in, "--synthetic", synthetic, "--subset", sub, "--cases", "0")
	if err != nil {
		t.Fatal(err)
	}
	head := "== the 4 texts of --in named by " + sub + " (5 named), cross-validated"
	i := strings.Index(out, head)
	if i < 0 {
		t.Fatalf("eval --cv --subset lacks %q:\n%s", head, out)
	}
	var rows [][]string
	for _, line := range strings.Split(out[i:], "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "all" {
			rows = append(rows, f)
		}
	}
	if len(rows) < 2 || rows[0][1] != "3" || rows[1][1] != "1" {
		t.Errorf("eval --cv --subset: \"all\" rows %v, want 3 scam texts then 1 honest:\n%s", rows, out[i:])
	}
	// --cases-of lists one kind's errors, --case-width runes of each: two
	// scam texts posing as honest ones are both flagged, and only the
	// "warning" is listed.
	posers := writeJSONL(t, dir, "posers.jsonl", []map[string]string{
		{"id": "p1", "body": "淘宝刷单，一单一结，佣金日结，加薇信 kk8866", "label": "legit", "category": "honest_ad"},
		{"id": "p2", "body": "刷单兼职，本金+佣金秒返，加薇信 kk6688", "label": "legit", "category": "warning"},
	})
	out, _, err = run(t, "", "eval", "--cv", "--folds", "3", "--in", in, "--synthetic", synthetic,
		"--shared", posers, "--cases", "5", "--cases-of", "warning", "--case-width", "6")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "honest texts flagged (1)") || !strings.Contains(out, " 刷单兼职，…") || strings.Contains(out, "淘宝刷单") {
		t.Errorf("eval --cv --cases-of warning does not list the flagged warning alone, 6 runes wide:\n%s", out)
	}
	if _, _, err := run(t, "", "eval", "--cv", "--folds", "100", "--in", in); err == nil || !strings.Contains(err.Error(), "100 folds of 36 examples") {
		t.Errorf("eval --cv with more folds than texts: %v", err)
	}
}

// TestEvalFresh: `scamhunt eval --cv --fresh` scores the fresh set with
// the bundled classifier in two sections, never-read source groups and
// read ones, and lists the errors of the read groups only.
func TestEvalFresh(t *testing.T) {
	dir := t.TempDir()
	var read, unread string
	for i := 0; read == "" || unread == ""; i++ {
		src := fmt.Sprintf("https://fresh.test/%d.html", i)
		if classify.ReadGroup(src) {
			read = cmp.Or(read, src)
		} else {
			unread = cmp.Or(unread, src)
		}
	}
	in := writeJSONL(t, dir, "real.jsonl", []map[string]string{
		{"id": "s1", "body": "兼职刷单，佣金日结", "label": "scam", "category": "shuadan", "source": "https://a.test/1", "source_type": "news quote", "kind": "ad"},
		{"id": "s2", "body": "刷单返利，加微信", "label": "scam", "category": "shuadan", "source": "https://a.test/2", "source_type": "news quote", "kind": "ad"},
		{"id": "h1", "body": "民警提醒：刷单都是诈骗", "label": "legit", "category": "warning", "source": "https://b.test/1", "source_type": "police bulletin", "kind": "warning"},
		{"id": "h2", "body": "超市招收银员，月薪4000", "label": "legit", "category": "honest_ad", "source": "https://b.test/2", "source_type": "forum", "kind": "ad"},
	})
	fresh := writeJSONL(t, dir, "fresh.jsonl", []map[string]string{
		{"id": "f1", "body": "淘宝刷单，一单一结，佣金日结，加薇信 kk8866", "label": "legit", "category": "chat", "source": read, "source_type": "dataset", "kind": "chat"},
		{"id": "f2", "body": "刷单兼职，本金+佣金秒返，加薇信 kk6688", "label": "legit", "category": "chat", "source": unread, "source_type": "dataset", "kind": "chat"},
	})
	out, _, err := run(t, "", "eval", "--cv", "--folds", "2", "--in", in, "--fresh", fresh, "--cases", "5")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"the fresh set (" + fresh + ": never trained on), bundled classifier: the 1 texts of never-read source groups",
		"the fresh set: the 1 texts of read source groups, with their errors",
		"淘宝刷单，一单一结",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval --fresh output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "本金+佣金秒返") {
		t.Errorf("eval --fresh lists a never-read group's error:\n%s", out)
	}
	if !slices.ContainsFunc(strings.Split(out, "\n"), func(line string) bool {
		f := strings.Fields(line)
		return len(f) >= 3 && f[0] == "chat" && f[1] == "1" && f[2] == "1.000"
	}) {
		t.Errorf("eval --fresh output lacks the chat row of a flagged text:\n%s", out)
	}
}
