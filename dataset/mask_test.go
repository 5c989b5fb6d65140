package dataset_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// piiRecords are three listings written to leak: two share a phone, the
// third lists no contact but names some in its text.
func piiRecords() sliceSource {
	c := func(k scamhunt.ContactKind, v, raw string) scamhunt.Contact {
		return scamhunt.Contact{Kind: k, Value: v, Raw: raw}
	}
	r1 := record(100)
	r1.Listing.Title = "急招 +8613912345678 张三丰"
	r1.Listing.Body = "加我139-1234-5678或13912345678, 扣扣88776655, 薇信Scam_Boss88, 邮箱BOSS@FRAUD.EXAMPLE, tg @fraudster99, 找張三丰"
	r1.Listing.SalaryText = "日结 联系13912345678"
	r1.Listing.Company = "张三丰工作室"
	r1.Listing.ContactPerson = "张三丰"
	r1.Listing.Contacts = []scamhunt.Contact{
		c(scamhunt.ContactPhone, "+8613912345678", "139-1234-5678"),
		c(scamhunt.ContactQQ, "88776655", "８８７７６６５５"),
		c(scamhunt.ContactWeChat, "scam_boss88", "Scam_Boss88"),
		c(scamhunt.ContactEmail, "boss@fraud.example", "Boss@Fraud.example"),
		c(scamhunt.ContactTelegram, "fraudster99", "@Fraudster99"),
		c(scamhunt.ContactURL, "https://t.example/13912345678", "t.example/13912345678"),
	}
	r1.Verdict.Reasons = []scamhunt.Reason{{Rule: "contact_only", Category: "shuadan", Field: "body", Match: "139-1234-5678", Start: 6, End: 19, Note: "QQ 88776655"}}
	r1.Override = &scamhunt.Override{Label: scamhunt.LabelScam, Note: "same phone 13912345678 as r2"}
	r2 := record(101)
	r2.Listing.Body = "电话13912345678 日结"
	r2.Listing.ContactPerson = ""
	r2.Listing.Contacts = []scamhunt.Contact{c(scamhunt.ContactPhone, "+8613912345678", "13912345678")}
	r3 := record(102)
	r3.Listing.Body = "联系13700001111，QQ：12312312，weixin: hidden_id7，或写信 x.y@mail.example"
	r3.Listing.Category = "打字 13700001111"
	r3.Listing.Contacts = nil
	r3.Listing.ContactPerson = ""
	return append(sliceSource{r1, r2, r3}, records(20)...)
}

// secrets are every contact text of piiRecords and of records(20).
var secrets = []string{
	"13912345678", "139-1234-5678", "88776655", "８８７７６６５５", "scam_boss88", "boss@fraud.example",
	"fraudster99", "张三丰", "張三丰", "13700001111", "12312312", "hidden_id7", "x.y@mail.example",
	"138 0013 00", "13800130", "5679301", "５６７９３０１", "boss_wx2024", "hr@scam.example", "王经理", `李 "老板"`,
}

// leaks returns the secrets found in text, ignoring case, width and script.
func leaks(text string) []string {
	folded := textnorm.Fold(text)
	var out []string
	for _, s := range secrets {
		if strings.Contains(folded, textnorm.Fold(s)) {
			out = append(out, s)
		}
	}
	return out
}

func rowText(t *testing.T, rows []dataset.Row) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rows); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMaskPII(t *testing.T) {
	src := piiRecords()
	key := bytes.Repeat([]byte("k3y!"), 8)
	hm := hmac.New(sha256.New, key)
	hm.Write([]byte("phone\x00+8613912345678"))
	phoneToken := "phone:" + hex.EncodeToString(hm.Sum(nil))[:dataset.TokenHexLen]

	if got := leaks(rowText(t, []dataset.Row{dataset.RowOf(src[0])})); len(got) == 0 {
		t.Fatal("unmasked row shows no secret: the leak check cannot fail")
	}
	for _, f := range dataset.Formats {
		t.Run(string(f), func(t *testing.T) {
			b, card := export(t, src, dataset.Options{Format: f, MaskPII: true, Key: key, Source: "pii test"})
			var md bytes.Buffer
			if err := card.WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			rows := readBack(t, f, b)
			for what, text := range map[string]string{"export bytes": string(b), "rows": rowText(t, rows), "card": md.String()} {
				if got := leaks(text); len(got) > 0 {
					t.Errorf("%s leak %q", what, got)
				}
				if strings.Contains(text, hex.EncodeToString(key)) || strings.Contains(text, string(key)) {
					t.Errorf("%s hold the masking key", what)
				}
			}
			r1, r2, r3 := rows[0], rows[1], rows[2]
			if r1.Contacts[0].Value != phoneToken || r1.Contacts[0].Raw != phoneToken || r2.Contacts[0].Value != phoneToken {
				t.Errorf("shared phone tokens = %q, %q, %q; want %q", r1.Contacts[0].Value, r1.Contacts[0].Raw, r2.Contacts[0].Value, phoneToken)
			}
			wantBody := "加我" + phoneToken + "或" + phoneToken + ", 扣扣" + r1.Contacts[1].Value + ", 薇信" + r1.Contacts[2].Value +
				", 邮箱" + r1.Contacts[3].Value + ", tg " + r1.Contacts[4].Value + ", 找" + r1.ContactPerson
			if r1.Body != wantBody {
				t.Errorf("masked body =\n%s\nwant\n%s", r1.Body, wantBody)
			}
			for i, kind := range []string{"phone", "qq", "wechat", "email", "telegram"} {
				if !regexp.MustCompile(`^` + kind + `:[0-9a-f]{16}$`).MatchString(r1.Contacts[i].Value) {
					t.Errorf("contact %d = %q, want a %s token", i, r1.Contacts[i].Value, kind)
				}
			}
			if r1.Contacts[5].Value != "https://t.example/"+phoneToken {
				t.Errorf("url contact = %q, want its phone masked", r1.Contacts[5].Value)
			}
			if !strings.HasPrefix(r1.ContactPerson, "person:") || r1.Company != r1.ContactPerson+"工作室" {
				t.Errorf("contact person %q, company %q", r1.ContactPerson, r1.Company)
			}
			if r1.Reasons[0].Match != phoneToken || r1.Reasons[0].Start != 0 || r1.Reasons[0].End != 0 {
				t.Errorf("reason = %+v, want masked match and no offsets", r1.Reasons[0])
			}
			for _, kind := range []string{"phone:", "qq:", "wechat:", "email:"} {
				if !strings.Contains(r3.Body, kind) {
					t.Errorf("unlisted contacts: body %q has no %s token", r3.Body, kind)
				}
			}
		})
	}
}

func TestMaskKeyPerExport(t *testing.T) {
	src := piiRecords()
	token := func() string {
		b, _ := export(t, src, dataset.Options{MaskPII: true})
		return readBack(t, dataset.FormatJSONL, b)[0].Contacts[0].Value
	}
	a, b := token(), token()
	if a == b {
		t.Errorf("two exports with fresh keys share the token %q", a)
	}
	if !strings.HasPrefix(a, "phone:") || !strings.HasPrefix(b, "phone:") {
		t.Errorf("tokens %q, %q are not phone tokens", a, b)
	}
}

var tokenRe = regexp.MustCompile(`(?:phone|qq|wechat|email|telegram|person):[0-9a-f]{16}`)

var fuzzKinds = []scamhunt.ContactKind{scamhunt.ContactPhone, scamhunt.ContactQQ, scamhunt.ContactWeChat, scamhunt.ContactEmail, scamhunt.ContactTelegram}

// FuzzMask checks that a listed contact never survives masking in free
// text, whatever surrounds it.
func FuzzMask(f *testing.F) {
	for _, r := range piiRecords()[:3] {
		for i, c := range r.Listing.Contacts {
			f.Add(r.Listing.Body, c.Raw, c.Value, uint8(i))
		}
	}
	for _, h := range hostile {
		f.Add(h+"13800138000"+h, "13800138000", "+8613800138000", uint8(0))
	}
	f.Add("aaaa", "aa", "aaa", uint8(2))
	f.Add("ＡＢＣabc繁體abc", "abc", "繁體", uint8(3))
	f.Fuzz(func(t *testing.T, body, raw, value string, kind uint8) {
		rec := scamhunt.Record{Listing: scamhunt.Listing{
			ID: "f", Title: raw + body, Body: body + raw + body, Company: value + body,
			Contacts: []scamhunt.Contact{{Kind: fuzzKinds[int(kind)%len(fuzzKinds)], Value: value, Raw: raw}},
		}}
		clean := dataset.RowOf(rec).Contacts[0]
		var out bytes.Buffer
		if _, err := dataset.Export(t.Context(), sliceSource{rec}, &out, dataset.Options{MaskPII: true}); err != nil {
			t.Fatal(err)
		}
		rows, err := dataset.ReadJSONL(&out)
		if err != nil || len(rows) != 1 {
			t.Fatalf("read back: %v (%d rows)", err, len(rows))
		}
		r := rows[0]
		for _, text := range []string{r.Title, r.Body, r.Company} {
			rest := textnorm.Fold(tokenRe.ReplaceAllString(text, "\x00"))
			for _, n := range []string{clean.Raw, clean.Value} {
				n = textnorm.Fold(strings.TrimSpace(n))
				if len([]rune(n)) >= 3 && !strings.ContainsRune(n, 0) && strings.Contains(rest, n) {
					t.Errorf("contact %q survives in %q", n, text)
				}
			}
		}
	})
}

// TestMaskFreeText: contacts a listing does not list are masked by pattern,
// ordinary numbers are not.
func TestMaskFreeText(t *testing.T) {
	kinds := regexp.MustCompile(`(phone|qq|wechat|email|telegram|person):[0-9a-f]{16}`)
	tests := []struct{ in, want string }{
		{"电话：138 1234 5678 速来", "电话：<phone> 速来"},
		{"手机13912345678，日结", "手机<phone>，日结"},
		{"加ＱＱ：１２３４５６７８", "加ＱＱ：<qq>"},
		{"扣扣号 98765432 备注兼职", "扣扣号 <qq> 备注兼职"},
		{"V信: Abc_12345 拉你进群", "V信: <wechat> 拉你进群"},
		{"tg: @scam_boss", "tg: @<telegram>"},
		{"mail me: A.B@Example.COM.", "mail me: <email>."},
		{"订单号 2024031512345，价格 100-200 元，QQ群很多", "订单号 2024031512345，价格 100-200 元，QQ群很多"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := record(7)
			r.Listing.Body, r.Listing.Contacts, r.Listing.ContactPerson = tt.in, nil, ""
			b, _ := export(t, sliceSource{r}, dataset.Options{MaskPII: true})
			got := kinds.ReplaceAllString(readBack(t, dataset.FormatJSONL, b)[0].Body, "<$1>")
			if got != tt.want {
				t.Errorf("masked %q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// disguised is one listing that writes its contacts in every disguised form
// the contact finder reads, and forms lists each as written: none may be
// left in a masked export of any format.
func disguised() (scamhunt.Record, []string) {
	r := record(200)
	r.Listing.Title = "急招 打字员 一三九七七五五三三一一"
	r.Listing.Body = "电话13977553311，也可以打一三九七七五五三三一一或壹叁玖 柒柒伍伍 叁叁壹壹。" +
		"V信：ab c_9 9 9，扣扣 5 6 7 9 3 2 1 6，邮箱 kk9981 at qq dot com，" +
		"简历发 hr_zhao(at)163.com。联系人：李四，或找王先生，联系张小姐。"
	r.Listing.ContactPerson = "李四"
	r.Listing.Company = "李四工作室"
	r.Listing.Contacts = []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+8613977553311", Raw: "13977553311"}}
	r.Verdict.Reasons = []scamhunt.Reason{{Rule: "signal.im_obfuscated", Category: "signal", Field: "body", Match: "V信：ab c_9 9 9", Start: 100, End: 120}}
	r.Override = &scamhunt.Override{Label: scamhunt.LabelScam, Note: "victim paid kk9981 at qq dot com"}
	return r, []string{
		"13977553311", "一三九七七五五三三一一", "壹叁玖", "柒柒伍伍", "叁叁壹壹", "77553311",
		"ab c_9 9 9", "c_9 9 9", "5 6 7 9 3 2 1 6",
		"kk9981", "qq dot com", "hr_zhao", "163.com", "李四", "王先生", "张小姐",
	}
}

// canonicalForms are the values the forms of disguised() read as; an
// export that spelled them out would leak them too.
var canonicalForms = []string{"+8613977553311", "abc_999", "56793216", "kk9981@qq.com", "hr_zhao@163.com"}

// TestMaskDisguisedForms: a masked export, in every format including the
// training file, holds none of the disguised forms.
func TestMaskDisguisedForms(t *testing.T) {
	r, forms := disguised()
	found := func(text string) []string {
		var out []string
		for _, f := range forms {
			if strings.Contains(text, f) {
				out = append(out, f)
			}
		}
		return out
	}
	if got := found(rowText(t, []dataset.Row{dataset.RowOf(r)})); len(got) != len(forms) {
		t.Fatalf("the unmasked row holds only %q of the forms: the check cannot fail", got)
	}
	for _, f := range append(slices.Clone(dataset.Formats), dataset.FormatTrain) {
		t.Run(string(f), func(t *testing.T) {
			b, card := export(t, sliceSource{r}, dataset.Options{Format: f, MaskPII: true})
			if card.Rows != 1 {
				t.Fatalf("%d rows exported, want 1", card.Rows)
			}
			text := string(b)
			if f != dataset.FormatTrain {
				text = rowText(t, readBack(t, f, b)) // Parquet is compressed
			}
			if got := found(text); len(got) > 0 {
				t.Errorf("masked %s export holds %q:\n%s", f, got, text)
			}
			for _, v := range canonicalForms {
				if strings.Contains(text, v) {
					t.Errorf("masked %s export holds the value %q", f, v)
				}
			}
			for _, kind := range []string{"phone:", "wechat:", "qq:", "email:", "person:"} {
				if !strings.Contains(text, kind) {
					t.Errorf("masked %s export has no %s token", f, kind)
				}
			}
		})
	}
}

// TestMaskKeyLinksReleases: with the publisher's key, two releases give a
// contact the same token; another key gives another; the card says which.
func TestMaskKeyLinksReleases(t *testing.T) {
	r, _ := disguised()
	key := bytes.Repeat([]byte("release-key-"), 3)
	token := func(key []byte) (string, dataset.Card) {
		b, card := export(t, sliceSource{r}, dataset.Options{MaskPII: true, Key: key})
		if strings.Contains(string(b), string(key)) {
			t.Error("the export holds the key")
		}
		return readBack(t, dataset.FormatJSONL, b)[0].Contacts[0].Value, card
	}
	a, card := token(key)
	b, _ := token(key)
	c, _ := token(bytes.Repeat([]byte("other-key-!!"), 3))
	if a != b || a == c || !card.MaskKeyed {
		t.Errorf("tokens %q, %q (same key), %q (other key), keyed %v; want the first two equal, the third not, keyed", a, b, c, card.MaskKeyed)
	}
	var md bytes.Buffer
	if err := card.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "supplied by the publisher") || strings.Contains(md.String(), string(key)) {
		t.Errorf("card does not say the key is the publisher's, or holds it")
	}
}
