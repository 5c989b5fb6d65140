package index

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/scamhunt/scamhunt"
)

var (
	benchSize   = flag.Int("index.benchsize", 100000, "listings in the BenchmarkBleveSearch index")
	benchUpsert = flag.Int("index.benchupsert", 20000, "listings indexed per BenchmarkIndexThroughput iteration")
)

var (
	genJobs = []string{"刷单返利", "打字员", "手工串珠", "淘宝客服", "快递分拣", "餐厅服务员", "家教老师", "促销员", "数据录入",
		"游戏陪玩", "抖音点赞", "小说录入", "仓库打包", "网店美工", "外卖骑手", "酒店前台", "问卷调查", "配音兼职"}
	genMods = []string{"日结", "在家", "兼职", "周末", "学生", "宝妈", "高薪", "急招", "长期", "轻松"}
	genBody = []string{
		"工作时间自由，手机操作即可。", "先交押金200元，完成后退还。", "负责处理客户问题，包吃住。", "每单佣金5到20元，当天结算。",
		"需要垫付货款，确认收货后返还本金和佣金。", "拜师学艺，学费一次付清，包教包会。", "材料费88元，完工结算。",
		"要求认真负责，有责任心。", "月结工资，缴纳社保。", "拉新一人奖励30元，多劳多得。", "無需經驗，歡迎學生兼職。",
		"工作地点在市中心，交通方便。", "差评删除服务，按条计费。", "每天工作4小时，周末双休。", "Flexible hours, no experience needed.",
	}
	genCities = []string{"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "天津", "苏州", "长沙", "郑州", "青岛"}
	genSites  = []string{"jzw", "ganji", "58", "baixing", "kuaijianzhi"}
)

// genRecords makes n listings, the same for the same n.
func genRecords(n int) []scamhunt.Record {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]scamhunt.Record, n)
	for i := range out {
		url := fmt.Sprintf("https://site%d.example.cn/job/%d", i%5, i)
		var body strings.Builder
		for range 3 + rng.IntN(6) {
			body.WriteString(pick(genBody))
		}
		phone := fmt.Sprintf("13%09d", rng.IntN(1e9))
		body.WriteString("联系电话 " + phone)
		label, score, cats := scamhunt.LabelLegit, rng.Float64()*0.3, []string(nil)
		if rng.IntN(3) == 0 {
			label, score = scamhunt.LabelScam, 0.7+rng.Float64()*0.3
			cats = []string{scamhunt.Categories[rng.IntN(len(scamhunt.Categories))]}
		}
		id := scamhunt.ListingID(url)
		out[i] = scamhunt.Record{
			Listing: scamhunt.Listing{
				ID: id, URL: url, Site: pick(genSites), City: pick(genCities), Title: pick(genMods) + pick(genJobs) + " " + pick(genMods),
				Body: body.String(), Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+86" + phone, Raw: phone}},
				PostedAt: base.Add(time.Duration(rng.IntN(365*24)) * time.Hour),
			},
			Verdict:   scamhunt.Verdict{ID: id, Label: label, Score: score, Categories: cats},
			FirstSeen: base, LastSeen: base,
		}
	}
	return out
}

func upsertAll(b *testing.B, ix *Bleve, recs []scamhunt.Record) {
	for start := 0; start < len(recs); start += 1000 {
		if err := ix.Upsert(context.Background(), recs[start:min(start+1000, len(recs))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBleveSearch reports the median and 99th percentile latency of
// a mix of searches over an index of -index.benchsize listings, and the
// same for bare Bleve answering the same queries on the same index and
// mapping with its own sort and facets (what Search did before the tally):
// each query runs both ways in turn, so load from elsewhere falls on both.
func BenchmarkBleveSearch(b *testing.B) {
	recs := genRecords(*benchSize)
	ix, err := OpenBleve(filepath.Join(b.TempDir(), "bench.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	upsertAll(b, ix, recs)
	build := time.Since(start)
	queries := []scamhunt.Query{
		{Text: "刷单"}, {Text: "处理"}, {Text: "日结 兼职", Facets: true}, {Text: "押金", Label: scamhunt.LabelScam},
		{Text: recs[len(recs)/2].Listing.Contacts[0].Raw}, {City: "北京", Sort: scamhunt.SortNewest, Facets: true},
		{Text: "手工串珠", Sort: scamhunt.SortScore}, {Text: "拜师学艺", Offset: 40}, {Text: "flexible"}, {Facets: true},
	}
	var lat, bare []time.Duration
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		t := time.Now()
		if _, err := ix.Search(context.Background(), q); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
		t = time.Now()
		if _, err := ix.idx.SearchInContext(context.Background(), bareRequest(q)); err != nil {
			b.Fatal(err)
		}
		bare = append(bare, time.Since(t))
		i++
	}
	slices.Sort(lat)
	slices.Sort(bare)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(bare[len(bare)/2]), "bare-p50-ms")
	b.ReportMetric(ms(bare[len(bare)*99/100]), "bare-p99-ms")
	b.ReportMetric(float64(p50)/float64(bare[len(bare)/2]), "p50-ratio")
	b.ReportMetric(float64(p99)/float64(bare[len(bare)*99/100]), "p99-ratio")
	b.ReportMetric(float64(len(recs)), "docs")
	b.ReportMetric(build.Seconds(), "build-s")
}

// bareRequest is q as plain Bleve answers it: the same query tree, Bleve's
// own sort over every match and its own facets over the four facet fields.
func bareRequest(q scamhunt.Query) *bleve.SearchRequest {
	p := parseText(q.Text)
	limit, offset := page(q)
	req := bleve.NewSearchRequestOptions(bleveQuery(p, q, contactFilter(q.Contact)), limit, offset, false)
	req.Fields = []string{fRecord}
	if order, _ := sortOf(q, p); order != scamhunt.SortRelevance {
		req.SortByCustom(bleveSort(order))
		req.Score = bleve.ScoreNone
	}
	if q.Facets {
		for _, f := range facetFields {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
		}
	}
	return req
}

// BenchmarkIndexThroughput compares Bleve.Upsert with bare Bleve batch
// indexing of the same documents (already converted, same mapping) in the
// same run and reports both rates and their ratio. The two indexes are fed
// chunk by chunk in alternating order, so load from elsewhere on the
// machine falls on both alike.
func BenchmarkIndexThroughput(b *testing.B) {
	const chunk = 1000
	recs := genRecords(*benchUpsert)
	docs := make([]map[string]any, len(recs))
	for i, r := range recs {
		d, err := documentOf(r)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = bleveDoc(d)
	}
	m, err := newMapping()
	if err != nil {
		b.Fatal(err)
	}
	var upsertTime, bareTime time.Duration
	n := 0
	for b.Loop() {
		dir := b.TempDir()
		ix, err := OpenBleve(filepath.Join(dir, "upsert.bleve"))
		if err != nil {
			b.Fatal(err)
		}
		bare, err := bleve.New(filepath.Join(dir, "bare.bleve"), m)
		if err != nil {
			b.Fatal(err)
		}
		for c, start := 0, 0; start < len(recs); c, start = c+1, start+chunk {
			end := min(start+chunk, len(recs))
			upsert := func() {
				t := time.Now()
				if err := ix.Upsert(context.Background(), recs[start:end]); err != nil {
					b.Fatal(err)
				}
				upsertTime += time.Since(t)
			}
			direct := func() {
				t := time.Now()
				batch := bare.NewBatch()
				for i := start; i < end; i++ {
					if err := batch.Index(recs[i].Listing.ID, docs[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := bare.Batch(batch); err != nil {
					b.Fatal(err)
				}
				bareTime += time.Since(t)
			}
			if c%2 == 0 {
				upsert()
				direct()
			} else {
				direct()
				upsert()
			}
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		if err := bare.Close(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	upsertRate := float64(n*len(recs)) / upsertTime.Seconds()
	bareRate := float64(n*len(recs)) / bareTime.Seconds()
	b.ReportMetric(upsertRate, "upsert-docs/s")
	b.ReportMetric(bareRate, "bare-docs/s")
	b.ReportMetric(upsertRate/bareRate, "ratio")
}
