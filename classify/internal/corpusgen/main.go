// Command corpusgen writes the labelled corpus of package classify:
// testdata/train.jsonl and testdata/heldout.jsonl. Each file comes from its
// own bank of hand-written fragments (bank_train.go, bank_heldout.go),
// written separately, so the held-out set tests what the classifier learnt
// rather than near-duplicates of its training data. Generation is
// deterministic.
//
//	go run ./classify/internal/corpusgen -out classify/testdata
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "classify/testdata", "directory to write train.jsonl and heldout.jsonl to")
	trainSeed := flag.Uint64("train-seed", 20240601, "random seed of the training corpus")
	heldoutSeed := flag.Uint64("heldout-seed", 20240917, "random seed of the held-out corpus")
	flag.Parse()
	sets := []struct {
		file    string
		b       *bank
		seed    uint64
		scamPer int // listings per scam type
		honest  int // honest listings, spread over the bank's kinds
	}{
		{"train.jsonl", trainBank(), *trainSeed, 44, 470},
		{"heldout.jsonl", heldoutBank(), *heldoutSeed, 28, 300},
	}
	for _, s := range sets {
		g := &gen{r: rand.New(rand.NewPCG(s.seed, 7)), b: s.b}
		var recs []record
		for _, cat := range categories {
			for range s.scamPer {
				recs = append(recs, g.scam(cat))
			}
		}
		for i := range s.honest {
			recs = append(recs, g.honest(s.b.honest[i%len(s.b.honest)]))
		}
		g.r.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		for i := range recs {
			recs[i].ID = fmt.Sprintf("%s-%04d", s.b.prefix, i+1)
		}
		if err := write(filepath.Join(*out, s.file), recs); err != nil {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d listings (%d scam)\n", s.file, len(recs), len(categories)*s.scamPer)
	}
}

var categories = []string{"shuadan", "baishi", "deposit", "typing", "advance", "review_extortion", "downline"}

func write(path string, recs []record) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// s2t maps common simplified characters to traditional ones, enough to
// write an ad the way Hong Kong and Taiwan boards (and filter dodgers) do.
var s2t = func() map[rune]rune {
	const pairs = "单單 结結 职職 资資 费費 宝寶 妈媽 赚賺 钱錢 佣傭 务務 员員 师師 证證 会會 报報 体體 检檢 " +
		"动動 发發 线線 级級 码碼 维維 权權 评評 军軍 价價 转轉 账賬 现現 冻凍 联聯 垫墊 货貨 给給 这這 个個 " +
		"们們 时時 间間 门門 网網 络絡 经經 验驗 数數 红紅 礼禮 随隨 书書 录錄 机機 关關 广廣 诚誠 实實 号號 " +
		"众眾 额額 满滿 轻輕 松鬆 过過 万萬 点點 击擊 让讓 对對 进進 请請 问問 说說 话話 题題 样樣 长長 无無 " +
		"为為 从從 专專 业業 认認 识識 计計 设設 读讀 课課 学學 习習 带帶 领領 导導 惊驚 绣繡 编編 织織 回迴 " +
		"扫掃 级級 团團 队隊 奖獎 励勵 销銷 链鏈 接接 东東 戏戲 绍紹 厅廳 饭飯 馆館 头頭 户戶 礼禮 杂雜"
	m := map[rune]rune{}
	for _, p := range strings.Fields(pairs) {
		rs := []rune(p)
		m[rs[0]] = rs[1]
	}
	return m
}()

func toTraditional(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := s2t[r]; ok {
			return t
		}
		return r
	}, s)
}
