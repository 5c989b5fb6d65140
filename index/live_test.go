package index_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/scamhunt/scamhunt/index"
)

var liveSeq atomic.Int64

// TestLiveMeili runs the behaviour table against a real Meilisearch when
// SCAMHUNT_TEST_MEILI_URL (and SCAMHUNT_TEST_MEILI_KEY) are set. Each test
// gets its own index, deleted afterwards.
func TestLiveMeili(t *testing.T) {
	url := os.Getenv("SCAMHUNT_TEST_MEILI_URL")
	if url == "" {
		t.Skip("SCAMHUNT_TEST_MEILI_URL is not set")
	}
	key := os.Getenv("SCAMHUNT_TEST_MEILI_KEY")
	client := meilisearch.New(url, meilisearch.WithAPIKey(key))
	t.Cleanup(client.Close)
	runBehaviour(t, func(t *testing.T) index.Index {
		uid := fmt.Sprintf("scamhunt_test_%d_%d", time.Now().UnixNano(), liveSeq.Add(1))
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			task, err := client.DeleteIndex(ctx, uid)
			if err == nil {
				_, err = client.WaitForTask(ctx, task.TaskUID, 50*time.Millisecond)
			}
			if err != nil {
				t.Logf("delete test index %s: %v", uid, err)
			}
		})
		return openMeiliAt(t, url, key, uid)
	})
}
