package crawler

import (
	"bytes"
	"mime"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeBody returns raw decoded to UTF-8 and the WHATWG name of the charset
// it was decoded from. The charset comes from, in order: force (a profile's
// override), the Content-Type header, a byte-order mark, a <meta> anywhere in
// the head, and sniffing. A declared charset is only believed when the body
// decodes under it with almost no errors: Chinese boards often send
// "charset=utf-8" from a default server configuration over GBK pages.
//
// Every label of the GB family (gb2312, gbk, gb18030 ...) is decoded with
// the GB18030 decoder, a superset, as browsers do; Colly's detector calls
// GBK "GB-18030", a label x/net/html/charset does not know, which is why
// decoding happens here and not in Colly.
func decodeBody(raw []byte, contentType, force string) ([]byte, string) {
	if force != "" {
		if body, name, ok := decodeAs(raw, force, true); ok {
			return body, name
		}
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if label := params["charset"]; label != "" {
			if body, name, ok := decodeAs(raw, label, false); ok {
				return body, name
			}
		}
	}
	if body, name, ok := decodeBOM(raw); ok {
		return body, name
	}
	if label := metaCharset(raw); label != "" {
		if body, name, ok := decodeAs(raw, label, false); ok {
			return body, name
		}
	}
	return sniff(raw)
}

// decodeAs decodes raw as the charset label; unless trust is set it fails
// when the result has too many decoding errors.
func decodeAs(raw []byte, label string, trust bool) ([]byte, string, bool) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", false
	}
	name, _ := htmlindex.Name(enc)
	if strings.HasPrefix(name, "utf-16") && !hasUTF16BOM(raw) {
		// A utf-16 label in a byte-oriented document means utf-8 (WHATWG).
		enc, name = unicode.UTF8, "utf-8"
	}
	if name == "gbk" || name == "gb18030" {
		enc = simplifiedchinese.GB18030
	}
	if name == "utf-8" {
		if utf8.Valid(raw) {
			return raw, name, true
		}
		if !trust && !mostlyClean(raw) {
			return nil, "", false
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), name, true
	}
	body, bad := transcode(raw, enc)
	if !trust && bad > allowedErrors(len(body)) {
		return nil, "", false
	}
	return body, name, true
}

func hasUTF16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE})
}

func decodeBOM(raw []byte) ([]byte, string, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return bytes.ToValidUTF8(raw[3:], []byte("\uFFFD")), "utf-8", true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		b, _ := transcode(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
		return b, "utf-16be", true
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		b, _ := transcode(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
		return b, "utf-16le", true
	}
	return nil, "", false
}

// transcode decodes raw and counts the replacement characters the decoder
// introduced (those already in the input are not counted).
func transcode(raw []byte, enc encoding.Encoding) ([]byte, int) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), len(raw)
	}
	bad := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(raw, []byte("\uFFFD"))
	return out, max(bad, 0)
}

func allowedErrors(n int) int { return max(2, n/400) }

// mostlyClean says whether raw is UTF-8 apart from a few bad bytes (a body
// cut at MaxBodyBytes ends in half a character, for example).
func mostlyClean(raw []byte) bool {
	bad, runes := 0, 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		runes++
		i += n
	}
	return bad <= allowedErrors(runes)
}

// metaCharset finds the charset a <meta> declares anywhere before the body
// starts, not only in the first 1024 bytes as the HTML prescan does: boards
// put it after long runs of other meta and link tags.
func metaCharset(raw []byte) string {
	const limit = 64 << 10
	if len(raw) > limit {
		raw = raw[:limit]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
				if hasAttr {
					if cs := metaTagCharset(z); cs != "" {
						return cs
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) string {
	var charset, content string
	var httpEquiv bool
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "charset":
			charset = string(v)
		case "content":
			content = string(v)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return charset
	}
	if httpEquiv {
		low := asciiLower(content) // same length as content, unlike strings.ToLower
		if i := strings.Index(low, "charset"); i >= 0 {
			rest := strings.TrimLeft(content[i+len("charset"):], " \t")
			if v, ok := strings.CutPrefix(rest, "="); ok {
				v = strings.Trim(strings.TrimSpace(v), `"'`)
				if j := strings.IndexAny(v, `;"' `); j >= 0 {
					v = v[:j]
				}
				return v
			}
		}
	}
	return ""
}

// sniff guesses the charset of an undeclared body: UTF-8 when it is valid
// UTF-8, else GB18030 or Big5, whichever turns more of it into common
// Chinese characters, else windows-1252 as browsers do.
func sniff(raw []byte) ([]byte, string) {
	if utf8.Valid(raw) {
		return raw, "utf-8"
	}
	if mostlyClean(raw) && countHigh(raw) > 8 && utf8Share(raw) {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), "utf-8"
	}
	sample := raw[:min(len(raw), 32<<10)]
	gb, gbBad := transcode(sample, simplifiedchinese.GB18030)
	b5, b5Bad := transcode(sample, traditionalchinese.Big5)
	gbScore := commonScore(gb) - 8*gbBad
	b5Score := commonScore(b5) - 8*b5Bad
	var enc encoding.Encoding
	var name string
	switch {
	case gbScore <= 0 && b5Score <= 0:
		enc, name = charmap.Windows1252, "windows-1252"
	case b5Score > gbScore:
		enc, name = traditionalchinese.Big5, "big5"
	default:
		enc, name = simplifiedchinese.GB18030, "gb18030"
	}
	body, _ := transcode(raw, enc)
	return body, name
}

func countHigh(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return n
}

// utf8Share says whether most high bytes belong to well-formed UTF-8 sequences.
func utf8Share(raw []byte) bool {
	good, bad := 0, 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			good += n
		}
		i += n
	}
	return good > 20*bad
}

// commonScore counts runes of s among the most frequent Chinese characters,
// simplified and traditional.
func commonScore(s []byte) int {
	set := commonSet()
	n := 0
	for _, r := range string(s) {
		if _, ok := set[r]; ok {
			n++
		}
	}
	return n
}

var commonSet = sync.OnceValue(func() map[rune]struct{} {
	m := make(map[rune]struct{}, len(commonHan)/3)
	for _, r := range commonHan {
		m[r] = struct{}{}
	}
	return m
})

// commonHan holds frequent characters of Chinese text in both scripts,
// including the vocabulary of job ads.
const commonHan = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切古岁备注费准" +
	"兼职招聘薪资工资待遇结算小时周末学生兼职网上手机打字刷单押金保证培训客服模特礼仪家教辅导传单派发快递分拣外卖配送服务员促销导购网络手工外发联系电话微信地址公司招人数要求上班时间日结月结" +
	"這個們來國說對時會過後麼從點兩現長樣將與經發見開問動間種實還進學當沒為處務員聯絡電話資薪職請應該貨單號碼網際體關於無業寫讀買賣臺灣區東車門書記數覺誰讓認識邊義變語總結據導歷機構議論題類級總統準備條件協會際應聘計劃專場環境報導廣東華語幣錢價責積極態優勢隊組織項歡迎觀點參與規則詳細內容週末兼職網絡傳單派發遞分揀賣配送服務導購輔導禮儀外發聯繫電郵址轉帳儲值詐騙"

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
