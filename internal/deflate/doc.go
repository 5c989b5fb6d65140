// Package deflate stores small values flate-compressed behind a marker
// byte, with the compressor state pooled: a flate writer holds about a
// megabyte, too much to make per value. The listing store's bodies and the
// crawl frontier's outlink lists use it; it is no API.
package deflate
