package dataset

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/scamhunt/scamhunt"
)

// encoder writes rows in one format. Close flushes everything buffered and
// writes any footer; it does not close the underlying writer.
type encoder interface {
	Write(Row) error
	Close() error
}

// Export writes the records of src that pass opt.Filter to w in opt.Format
// (FormatTrain: only those a person labelled scam or legit), masking
// contact details if opt.MaskPII, and returns the data card. It
// streams: memory stays bounded however many records src holds (Parquet
// buffers one row group at a time). On error the output is incomplete.
func Export(ctx context.Context, src Source, w io.Writer, opt Options) (Card, error) {
	if err := opt.Validate(); err != nil {
		return Card{}, fmt.Errorf("export: %w", err)
	}
	if opt.Format == "" {
		opt.Format = FormatJSONL
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	var m *masker
	if opt.MaskPII {
		key := opt.Key
		if key == nil {
			key = make([]byte, 32)
			if _, err := rand.Read(key); err != nil {
				return Card{}, fmt.Errorf("export: masking key: %w", err)
			}
		}
		m = newMasker(key)
	}
	var enc encoder
	switch opt.Format {
	case FormatCSV:
		enc = newCSVEncoder(w)
	case FormatParquet:
		enc = newParquetEncoder(w, opt)
	case FormatTrain:
		enc = newTrainEncoder(w)
	default:
		enc = newJSONLEncoder(w)
	}
	card := newCard(opt)
	err := src.All(ctx, func(r scamhunt.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !opt.Filter.Match(r) {
			return nil
		}
		row := RowOf(r)
		if opt.Format == FormatTrain && !trainable(row) {
			return nil
		}
		if m != nil {
			row = m.Row(row)
		}
		card.add(row)
		return enc.Write(row)
	})
	if err != nil {
		return Card{}, fmt.Errorf("export %s: %w", opt.Format, err)
	}
	if err := enc.Close(); err != nil {
		return Card{}, fmt.Errorf("export %s: %w", opt.Format, err)
	}
	return *card, nil
}

type jsonlEncoder struct {
	buf *bufio.Writer
	enc *json.Encoder
}

func newJSONLEncoder(w io.Writer) *jsonlEncoder {
	buf := bufio.NewWriterSize(w, 64<<10)
	return &jsonlEncoder{buf: buf, enc: json.NewEncoder(buf)}
}

// Write encodes one row per line. HTML-significant characters are escaped
// (\u003c ...) so a file served by mistake as HTML runs no script.
func (e *jsonlEncoder) Write(r Row) error { return e.enc.Encode(r) }

func (e *jsonlEncoder) Close() error { return e.buf.Flush() }

// ReadJSONL reads back a JSONL export.
func ReadJSONL(r io.Reader) ([]Row, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	var rows []Row
	for {
		var row Row
		err := dec.Decode(&row)
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, fmt.Errorf("read jsonl row %d: %w", len(rows)+1, err)
		}
		normalise(&row)
		rows = append(rows, row)
	}
}
