package index

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"
)

// MeiliConfig says how to reach Meilisearch and how hard to try. The zero
// value of every field but URL means its default.
type MeiliConfig struct {
	URL   string // server, e.g. http://127.0.0.1:7700
	Key   string // API key (cmd reads SCAMHUNT_MEILI_KEY); sent only in the Authorization header, never logged
	Index string // index uid; default "listings"

	BatchSize    int // documents per add or delete task; default 500
	MaxTotalHits int // pagination.maxTotalHits: how deep offset+limit may reach; default 10000

	Retries      int           // retries after 502/503/504 and connection errors; default 4, negative for none
	Backoff      time.Duration // first retry delay, doubled each time; default 250ms
	Timeout      time.Duration // one HTTP request; default 30s
	PollInterval time.Duration // first delay between task polls, doubled up to 1s; default 25ms
	TaskTimeout  time.Duration // longest wait for one task; default 5m

	Log *slog.Logger // retries and waits; default discards
}

// Defaults of MeiliConfig.
const (
	DefaultMeiliIndex   = "listings"
	defaultBatchSize    = 500
	defaultMaxTotalHits = 10000
	defaultRetries      = 4
	defaultBackoff      = 250 * time.Millisecond
	defaultTimeout      = 30 * time.Second
	defaultPollInterval = 25 * time.Millisecond
	defaultTaskTimeout  = 5 * time.Minute
	maxPollInterval     = time.Second
)

// Validate reports the first field that cannot work.
func (c MeiliConfig) Validate() error {
	if c.URL == "" {
		return errors.New("meilisearch url is required")
	}
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("meilisearch url %q: want http(s)://host[:port]", c.URL)
	}
	if u.User != nil {
		return errors.New("meilisearch url must not carry credentials: set the key")
	}
	if c.Index != "" {
		if err := validID(c.Index); err != nil {
			return fmt.Errorf("meilisearch index uid: %w", err)
		}
	}
	switch {
	case c.BatchSize < 0 || c.BatchSize > 100000:
		return fmt.Errorf("meilisearch batch size %d: want 0 to 100000", c.BatchSize)
	case c.MaxTotalHits < 0:
		return fmt.Errorf("meilisearch max total hits %d: want >= 0", c.MaxTotalHits)
	case c.Backoff < 0 || c.Timeout < 0 || c.PollInterval < 0 || c.TaskTimeout < 0:
		return errors.New("meilisearch durations must not be negative")
	}
	return nil
}

func (c MeiliConfig) withDefaults() MeiliConfig {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	if c.Index == "" {
		c.Index = DefaultMeiliIndex
	}
	def(&c.BatchSize, defaultBatchSize)
	def(&c.MaxTotalHits, defaultMaxTotalHits)
	def(&c.Retries, defaultRetries)
	c.Retries = max(c.Retries, 0)
	defDur(&c.Backoff, defaultBackoff)
	defDur(&c.Timeout, defaultTimeout)
	defDur(&c.PollInterval, defaultPollInterval)
	defDur(&c.TaskTimeout, defaultTaskTimeout)
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// LogValue logs the configuration without the key.
func (c MeiliConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("url", c.URL), slog.String("index", c.Index),
		slog.Bool("key_set", c.Key != ""), slog.Int("batch_size", c.BatchSize),
	)
}

// String prints the configuration without the key.
func (c MeiliConfig) String() string {
	return fmt.Sprintf("meilisearch %s index %q (key set: %t)", c.URL, c.Index, c.Key != "")
}

// GoString keeps %#v from printing the key.
func (c MeiliConfig) GoString() string { return c.String() }
