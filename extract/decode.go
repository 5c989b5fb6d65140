package extract

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// DecodeFile decodes an HTML file read from disk (or a body whose header
// said too little) to UTF-8 and names the charset it came from. It looks,
// in order, at a byte-order mark, the charset of contentTypeHint (a
// Content-Type header value, may be empty), a <meta charset> or http-equiv
// Content-Type anywhere in the head, and last sniffs the bytes: valid
// UTF-8, else whichever of GB18030 and Big5 reads as more common Chinese.
// Declarations that name an unknown charset, or UTF-8 over bytes that are
// not, are passed over. GBK and GB2312 are decoded as GB18030, their
// superset, as browsers do.
func DecodeFile(data []byte, contentTypeHint string) (body []byte, charsetName string, err error) {
	if enc, name, n := bom(data); enc != nil {
		return decode(data[n:], enc, name)
	}
	if _, params, err := mime.ParseMediaType(contentTypeHint); err == nil {
		if enc, name := lookup(params["charset"], data); enc != nil {
			return decode(data, enc, name)
		}
	}
	if enc, name := lookup(metaCharset(data), data); enc != nil {
		return decode(data, enc, name)
	}
	enc, name := sniff(data)
	return decode(data, enc, name)
}

func decode(data []byte, enc encoding.Encoding, name string) ([]byte, string, error) {
	if name == "utf-8" {
		if !utf8.Valid(data) {
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		return data, name, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return out, name, nil
}

// bom recognises a byte-order mark and its length.
func bom(data []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

// labelAliases spell charsets the way crawlers and old servers do; colly's
// detector, for one, says GB-18030.
var labelAliases = map[string]string{
	"gb-18030": "gb18030", "gb_18030": "gb18030", "gb-2312": "gb2312", "cp936": "gbk", "ms936": "gbk",
	"windows-936": "gbk", "big-5": "big5", "cp950": "big5", "utf8": "utf-8",
}

// lookup resolves a charset label to an encoding, or nil when the label is
// unknown or says UTF-8 of bytes that are not.
func lookup(label string, data []byte) (encoding.Encoding, string) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return nil, ""
	}
	if a, ok := labelAliases[label]; ok {
		label = a
	}
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil, name == "replacement":
		return nil, ""
	case name == "utf-16be" || name == "utf-16le":
		// A declaration in ASCII markup cannot be UTF-16: the spec reads it as UTF-8.
		enc, name = unicode.UTF8, "utf-8"
	case name == "gbk":
		enc = simplifiedchinese.GB18030
	}
	if name == "utf-8" && !utf8.Valid(data) {
		return nil, ""
	}
	return enc, name
}

// metaHead is how far into a file the head is searched for a charset.
const metaHead = 64 << 10

// metaCharset finds <meta charset> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the head, wherever it stands among the
// other tags.
func metaCharset(data []byte) string {
	if len(data) > metaHead {
		data = data[:metaHead]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body", "div", "table", "p", "ul", "h1":
				return ""
			case "meta":
			default:
				continue
			}
			var cs, equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs != "" {
				return cs
			}
			if equiv == "content-type" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
				if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
					return strings.TrimSpace(strings.Split(content[i+len("charset="):], ";")[0])
				}
			}
		}
	}
}

// sniff guesses the charset of undeclared bytes: UTF-8 when they are valid
// UTF-8, else GB18030 or Big5, whichever decodes into more common Chinese
// characters and fewer impossible ones; windows-1252 when neither reads as
// Chinese at all.
func sniff(data []byte) (encoding.Encoding, string) {
	if utf8.Valid(data) {
		return unicode.UTF8, "utf-8"
	}
	gb, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	b5, _ := traditionalchinese.Big5.NewDecoder().Bytes(data)
	gs, gGood := chineseScore(gb)
	bs, bGood := chineseScore(b5)
	switch {
	case gGood == 0 && bGood == 0:
		return charset.Lookup("windows-1252")
	case bs > gs:
		return traditionalchinese.Big5, "big5"
	}
	if plain, err := simplifiedchinese.GBK.NewDecoder().Bytes(data); err == nil && !bytes.ContainsRune(plain, utf8.RuneError) {
		return simplifiedchinese.GB18030, "gbk"
	}
	return simplifiedchinese.GB18030, "gb18030"
}
