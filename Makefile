# scamhunt: `make` lists the targets. Only Go is needed for build/run/test;
# test starts Redis and installs axe-core when they can be (CI installs Redis,
# Chromium and npm).
GO        ?= go
DATA      ?= ./data
ADDR      ?= 127.0.0.1:8080
FUZZTIME  ?= 30s
BENCHTIME ?= 1x
SHARED    ?= ../shared/data

.DEFAULT_GOAL := help
.PHONY: help build run test bench fuzz lint golden eval

help: ## list the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z]+:.*## /{printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/scamhunt
	$(GO) build -o bin/scamhunt ./cmd/scamhunt

run: ## crawl the bundled demo board, classify, index into $(DATA) and serve at $(ADDR)
	$(GO) run ./cmd/scamhunt demo --data $(DATA) --addr $(ADDR)

test: ## vet and the whole test suite; fuzz targets replay their seeds and saved corpora (testdata/fuzz), never explore
	scripts/services.sh start
	scripts/axe.sh
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

bench: ## benchmarks, each against its baseline in the same run (crawl vs bare Colly, extract vs bare goquery, classify, index vs bare Bleve, export, 100k-page crawl RSS, demo `scamhunt crawl` vs bare Colly, 50k-listing crawl RSS)
	$(GO) test -run '^$$' -bench . -benchmem ./extract ./classify ./internal/...
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -count 3 ./crawler
	$(GO) test -run '^$$' -bench CrawlBig -benchtime 1x ./crawler -crawler.big
	$(GO) test -run '^$$' -bench BleveSearch -benchtime 300x -timeout 60m ./index
	$(GO) test -run '^$$' -bench IndexThroughput -benchtime 1x -timeout 60m ./index
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./dataset ./audit ./testsite
	$(GO) test -run '^$$' -bench DemoCrawl -benchtime 3x ./e2e
	$(GO) test -run '^$$' -bench Crawl50k -benchtime 1x -timeout 60m ./e2e

fuzz: ## explore every fuzz target for FUZZTIME each (make fuzz FUZZTIME=5m); a find is a bug to fix, kept as a seed
	scripts/fuzz.sh $(FUZZTIME)

lint: ## gofmt, go vet and staticcheck
	@test -z "$$(gofmt -l .)" || (gofmt -l . && exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

golden: ## rewrite the extractor's golden files
	$(GO) test ./extract -update

eval: ## the real corpus cross-validated by source (recall by source type, kind, scam type; false flags by honest kind), the synthetic held-out set, the real honest ads of $(SHARED), the corpus texts of its dev files (the sealed set's family) apart; each beside the keyword-list baseline
	$(GO) build -o bin/scamhunt ./cmd/scamhunt
	@bin/scamhunt eval --cv --in classify/testdata/real/scam.jsonl,classify/testdata/real/honest.jsonl \
		--synthetic classify/testdata/train.jsonl --baseline classify/testdata/keywords.txt \
		--fresh classify/testdata/real/fresh/scam.jsonl,classify/testdata/real/fresh/honest.jsonl \
		$$(for f in $(SHARED)/honest_*.jsonl; do test -f $$f && printf -- '--shared %s ' $$f; done) \
		$$(for f in $(SHARED)/real_*_dev.jsonl; do test -f $$f && printf -- '--subset %s ' $$f; done)
	@echo "== classify/testdata/heldout.jsonl: SYNTHETIC held-out corpus (our own writing, never trained on)"
	@bin/scamhunt eval --in classify/testdata/heldout.jsonl
	@echo "== the same, keyword-list baseline (classify/testdata/keywords.txt)"
	@bin/scamhunt eval --in classify/testdata/heldout.jsonl --baseline classify/testdata/keywords.txt | sed -n '1,8p'
