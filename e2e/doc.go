// Package e2e holds the end-to-end browser tests: a real Bleve index behind
// the real web server, driven by headless Chromium through chromedp. It is
// the one test directory allowed to join the stages; it has no code of its
// own besides the tests.
//
// The tests need Debian's /usr/bin/chromium (or chromium on PATH). Without
// it they skip, unless CI=true, where a missing browser is a failure.
// Screenshots of each step are written to testdata/screenshots/, a folder
// the tests create with a .gitignore that ignores everything in it.
package e2e
