package classify

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The model file is mostly two kinds of array: n-gram buckets and their
// weights, some 150,000 numbers. encoding/json decodes each through
// reflection; these types read them directly, which halves loading the
// model at the start of every command. They encode as the plain slices
// do, so the file format is unchanged.
type (
	float32s []float32
	uint32s  []uint32
	// float32Rows are read row by row through float32s.
	float32Rows []float32s
)

func (f *float32s) UnmarshalJSON(data []byte) error {
	return readNumbers((*[]float32)(f), data, func(tok []byte) (float32, error) {
		v, err := strconv.ParseFloat(string(tok), 32)
		return float32(v), err
	}, "float32")
}

func (u *uint32s) UnmarshalJSON(data []byte) error {
	return readNumbers((*[]uint32)(u), data, func(tok []byte) (uint32, error) {
		v, err := strconv.ParseUint(string(tok), 10, 32)
		return uint32(v), err
	}, "uint32")
}

// readNumbers sets *dst to the numbers of the JSON array data, each read
// by parse; a null array leaves it as it is.
func readNumbers[T any](dst *[]T, data []byte, parse func(tok []byte) (T, error), typ string) error {
	out := (*dst)[:0]
	isNull, err := eachNumber(data, func(tok []byte) error {
		v, err := parse(tok)
		if err != nil {
			return numErr(tok, typ)
		}
		out = append(out, v)
		return nil
	})
	if err != nil || isNull {
		return err
	}
	*dst = out
	return nil
}

// eachNumber calls fn with each element of the JSON array data (already
// checked to be valid JSON by encoding/json), each of which must be a
// number or null (read as 0). A null array reports isNull and calls
// nothing.
func eachNumber(data []byte, fn func(tok []byte) error) (isNull bool, err error) {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return true, nil
	}
	if len(data) < 2 || data[0] != '[' || data[len(data)-1] != ']' {
		return false, errors.New("want an array of numbers")
	}
	rest := data[1 : len(data)-1]
	if len(bytes.TrimSpace(rest)) == 0 {
		return false, nil
	}
	for {
		tok, after, more := bytes.Cut(rest, []byte(","))
		tok = bytes.TrimSpace(tok)
		if string(tok) == "null" {
			// encoding/json leaves an element it reads null at its zero
			// value, and so do we
			tok = []byte("0")
		}
		if len(tok) == 0 || !isJSONNumberStart(tok[0]) {
			return false, errors.New("want an array of numbers")
		}
		if err := fn(tok); err != nil {
			return false, err
		}
		if !more {
			return false, nil
		}
		rest = after
	}
}

// isJSONNumberStart reports whether c may begin a JSON number: strconv
// also reads "Inf", "NaN" and hex, which JSON has not.
func isJSONNumberStart(c byte) bool { return c == '-' || c >= '0' && c <= '9' }

func numErr(tok []byte, typ string) error {
	return fmt.Errorf("cannot read %.20q as %s", tok, typ)
}
