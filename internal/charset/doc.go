// Package charset decodes fetched and saved pages to UTF-8, for the crawler
// (bodies off the wire) and the extractor (files on disk) alike, so a page
// reads the same whichever way it arrives.
//
// Chinese boards declare charsets carelessly: servers send "charset=utf-8"
// by default over GBK pages, declarations sit after 2 KB of other head
// tags, pages carry a few stray bytes from a cut upload. Decode believes a
// declaration only when the bytes decode under it with few errors, and then
// prefers it to any guess: a UTF-8 page with three bad bytes stays UTF-8.
// Sniffing, a contest between UTF-8, GB18030 and Big5 scored by how much of
// the text turns into common Chinese characters, is the fallback.
//
//	charset.go  Decode: force, byte-order mark, declarations, sniffing
//	meta.go     the charset a <meta> declares anywhere in the head
//	sniff.go    scoring decoded text against the common-character table
package charset
