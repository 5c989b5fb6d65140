package crawler

import "github.com/scamhunt/scamhunt/internal/charset"

// decodeBody returns raw decoded to UTF-8 and the WHATWG name of the charset
// it was decoded from: force (a profile's override), a byte-order mark, the
// Content-Type header, a <meta> anywhere in the head, and sniffing, a
// declaration believed only when the body decodes under it with few errors
// (see charset.Decode). Decoding happens here and not in Colly, whose
// detector calls GBK "GB-18030", a label x/net/html/charset does not know.
func decodeBody(raw []byte, contentType, force string) ([]byte, string) {
	return charset.Decode(raw, contentType, force)
}
