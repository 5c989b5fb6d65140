package classify

import (
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// What a rule's regexp needs, worked out once from its syntax so that
// runRegexps can skip a literal's occurrence cheaply.

// needsDigit reports whether every match of re contains an ASCII digit:
// re, or a part every match goes through, is a digit or a class of digits
// repeated at least once. It may say false for a regexp that does need one.
func needsDigit(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return slices.ContainsFunc(re.Rune, isDigit)
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return false
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture:
		return needsDigit(re.Sub[0])
	case syntax.OpPlus:
		return needsDigit(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && needsDigit(re.Sub[0])
	case syntax.OpConcat:
		return slices.ContainsFunc(re.Sub, needsDigit)
	case syntax.OpAlternate:
		return len(re.Sub) > 0 && !slices.ContainsFunc(re.Sub, func(x *syntax.Regexp) bool { return !needsDigit(x) })
	}
	return false
}

// droppedLiteral returns a rune that re must match literally but that the
// compact text rules run on never holds (dropped: a dot, a slash, a
// space), so that the part of re that needs it can never match: "www\."
// reads "www" there, "a.cn" "acn".
func droppedLiteral(re *syntax.Regexp) (rune, bool) {
	if re.Op == syntax.OpLiteral {
		for _, r := range re.Rune {
			if dropped(r) {
				return r, true
			}
		}
	}
	for _, sub := range re.Sub {
		if r, ok := droppedLiteral(sub); ok {
			return r, true
		}
	}
	return 0, false
}

// maxRunes returns the most runes a match of re can span, or -1 when
// that is unbounded.
func maxRunes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpRepeat:
		n := maxRunes(re.Sub[0])
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		sum := 0
		for _, x := range re.Sub {
			n := maxRunes(x)
			if n < 0 {
				return -1
			}
			sum += n
		}
		return sum
	case syntax.OpAlternate:
		most := 0
		for _, x := range re.Sub {
			n := maxRunes(x)
			if n < 0 {
				return -1
			}
			most = max(most, n)
		}
		return most
	}
	return -1
}

// startRunes returns the runes a match of re can begin with, as pairs of
// inclusive bounds the way a syntax.OpCharClass holds them (neither merged
// nor sorted across alternatives), with any set when it
// can begin with any rune, and empty when re can match the empty string
// (so that what follows it may begin a match too).
func startRunes(re *syntax.Regexp) (ranges []rune, any, empty bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false, true
		}
		return []rune{re.Rune[0], re.Rune[0]}, false, false
	case syntax.OpCharClass:
		return re.Rune, false, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return nil, true, false
	case syntax.OpCapture:
		return startRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		r, a, _ := startRunes(re.Sub[0])
		return r, a, true
	case syntax.OpPlus:
		return startRunes(re.Sub[0])
	case syntax.OpRepeat:
		r, a, e := startRunes(re.Sub[0])
		return r, a, e || re.Min == 0
	case syntax.OpConcat:
		for _, x := range re.Sub {
			r, a, e := startRunes(x)
			ranges = append(ranges, r...)
			any = any || a
			if !e {
				return ranges, any, false
			}
		}
		return ranges, any, true
	case syntax.OpAlternate:
		for _, x := range re.Sub {
			r, a, e := startRunes(x)
			ranges = append(ranges, r...)
			any, empty = any || a, empty || e
		}
		return ranges, any, empty
	}
	return nil, false, true
}

// badLiteral returns the first of lits that cannot begin a match of re.
// A rule's regexp is run anchored at each place one of its literals
// occurs, so a literal that cannot begin a match (one from its middle)
// never makes it fire.
func badLiteral(re *syntax.Regexp, lits []string) (string, bool) {
	ranges, any, _ := startRunes(re)
	if any {
		return "", false
	}
	for _, lit := range lits {
		if r, _ := utf8.DecodeRuneInString(lit); !inRanges(ranges, r) {
			return lit, true
		}
	}
	return "", false
}

// inRanges reports whether r lies in one of ranges' inclusive pairs.
func inRanges(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

// tailWords returns the words a match of re cannot do without, past its
// start: the last element of re's top-level sequence (after the first,
// which its literals gate) that matches one of a small set of words
// ("(扣除|扣款)" in "(消费|刷卡).{0,16}(扣除|扣款)"). A regexp is tried only
// where one of them occurs within its reach. nil when there is no such
// element.
func tailWords(re *syntax.Regexp) []string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		return nil
	}
	for i := len(re.Sub) - 1; i >= 1; i-- {
		if ws, ok := wordSet(re.Sub[i]); ok {
			return ws
		}
	}
	return nil
}

// maxTailWords bounds the words tailWords expands an element to.
const maxTailWords = 256

// wordSet expands re to the finite set of non-empty words it matches, when
// it is made only of literals, small classes, sequences and alternatives.
func wordSet(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		var ws []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 16 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				ws = append(ws, string(r))
			}
		}
		return ws, len(ws) > 0 && len(ws) <= maxTailWords
	case syntax.OpCapture:
		return wordSet(re.Sub[0])
	case syntax.OpAlternate:
		var ws []string
		for _, x := range re.Sub {
			sub, ok := wordSet(x)
			if !ok {
				return nil, false
			}
			ws = append(ws, sub...)
		}
		return ws, len(ws) <= maxTailWords
	case syntax.OpConcat:
		ws := []string{""}
		for _, x := range re.Sub {
			sub, ok := wordSet(x)
			if !ok || len(ws)*len(sub) > maxTailWords {
				return nil, false
			}
			var next []string
			for _, a := range ws {
				for _, b := range sub {
					next = append(next, a+b)
				}
			}
			ws = next
		}
		return ws, len(ws) > 0
	}
	return nil, false
}
