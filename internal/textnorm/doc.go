// Package textnorm folds text for matching: full-width forms to ASCII, ASCII
// to lower case, traditional Chinese characters to simplified. Folding maps
// each rune to exactly one rune, so a rune offset found in folded text is the
// same rune offset in the original, and evidence can point into the text the
// user sees. Extract, classify and index share it so a word matches the same
// way everywhere.
//
// t2s.tsv is the character table of OpenCC (TSCharacters.txt, first
// candidate of each row; Apache License 2.0, see LICENSE.opencc).
package textnorm
