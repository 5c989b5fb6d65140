package charset

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Decode returns raw decoded to UTF-8 and the WHATWG name of the charset it
// was decoded from. The charset comes from, in order:
//
//   - force, an operator's override (a site profile's charset), trusted;
//   - a byte-order mark;
//   - the charset of contentType (a Content-Type header value), then the
//     one a <meta> declares, each only if the bytes decode under it with
//     few errors (see Clean);
//   - sniffing (Sniff).
//
// Every label of the GB family (gb2312, gbk, gb18030, Colly's GB-18030) is
// decoded with the GB18030 decoder, a superset, as browsers do. Invalid
// bytes become U+FFFD; the result is always valid UTF-8.
func Decode(raw []byte, contentType, force string) (body []byte, name string) {
	if force != "" {
		if body, name, ok := decodeAs(raw, force, true); ok {
			return body, name
		}
	}
	if body, name, ok := decodeBOM(raw); ok {
		return body, name
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if label := params["charset"]; label != "" {
			if body, name, ok := decodeAs(raw, label, false); ok {
				return body, name
			}
		}
	}
	if label := Meta(raw); label != "" {
		if body, name, ok := decodeAs(raw, label, false); ok {
			return body, name
		}
	}
	return Sniff(raw)
}

// labelAliases spell charsets the way crawlers and old servers do.
var labelAliases = map[string]string{
	"gb-18030": "gb18030", "gb_18030": "gb18030", "gb-2312": "gb2312", "cp936": "gbk", "ms936": "gbk",
	"windows-936": "gbk", "big-5": "big5", "cp950": "big5", "utf8": "utf-8",
}

// lookup resolves a charset label to an encoding and its WHATWG name; ok is
// false for an unknown label.
func lookup(label string) (enc encoding.Encoding, name string, ok bool) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"' `))
	if a, found := labelAliases[label]; found {
		label = a
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", false
	}
	name, _ = htmlindex.Name(enc)
	switch name {
	case "replacement":
		return nil, "", false
	case "gbk", "gb18030":
		enc = simplifiedchinese.GB18030
	}
	return enc, name, true
}

// decodeAs decodes raw as the charset label; unless trust is set it fails
// when the result has more errors than Clean allows.
func decodeAs(raw []byte, label string, trust bool) ([]byte, string, bool) {
	enc, name, ok := lookup(label)
	if !ok {
		return nil, "", false
	}
	if strings.HasPrefix(name, "utf-16") {
		// A utf-16 label in a byte-oriented document means utf-8 (WHATWG).
		enc, name = unicode.UTF8, "utf-8"
	}
	body, bad := transcode(raw, enc, name)
	if !trust && !Clean(bad, body) {
		return nil, "", false
	}
	return body, name, true
}

// Clean reports whether text decoded with bad errors (invalid sequences the
// decoder replaced) is the page's own charset with a few stray bytes rather
// than the wrong charset: at most two errors, or one per twenty non-ASCII
// runes. Under a wrong declaration nearly every Chinese character is an error.
func Clean(bad int, body []byte) bool {
	if bad <= 2 {
		return true
	}
	high := 0
	for _, r := range string(body) {
		if r >= utf8.RuneSelf {
			high++
		}
	}
	return bad*20 <= high
}

func decodeBOM(raw []byte) ([]byte, string, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		b, _ := transcode(raw[3:], unicode.UTF8, "utf-8")
		return b, "utf-8", true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		b, _ := transcode(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be")
		return b, "utf-16be", true
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		b, _ := transcode(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le")
		return b, "utf-16le", true
	}
	return nil, "", false
}

// transcode decodes raw and counts the decoding errors: invalid UTF-8
// sequences, or the replacement characters another decoder introduced
// (those already in the input are not counted).
func transcode(raw []byte, enc encoding.Encoding, name string) ([]byte, int) {
	if name == "utf-8" {
		if utf8.Valid(raw) {
			return raw, 0
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), invalidUTF8(raw)
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), len(raw)
	}
	bad := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(raw, []byte("\uFFFD"))
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out, max(bad, 0)
}

// invalidUTF8 counts the bytes of raw that begin no valid UTF-8 sequence.
func invalidUTF8(raw []byte) int {
	bad := 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	return bad
}
