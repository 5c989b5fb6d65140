package extract_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

// TestPayBox holds the generic extractor to pay shown in a box of its own,
// with no 薪资 label: read from a box whose class or id names pay or whose
// text is an amount with a pay period, near the title; never from a fee, a
// product's price, a box in the related-jobs rows, or an amount far from
// the title.
func TestPayBox(t *testing.T) {
	const (
		area = `<p><span class="k">区域</span><span class="v">朝阳区</span></p>`
		// two labelled fields: a detail page with no pay for the boxes to give
		fields = area + `<p><span class="k">电话</span><span class="v">13904317726</span></p>`
		desc   = `<div class="d"><p>超市收银和理货，周末两天，包一顿午餐，当天结算，不收任何费用。</p></div>`
	)
	detail := func(title, loc string, min, max float64, period string) genericGot {
		return genericGot{Kind: scamhunt.KindDetail, Title: title, Min: min, Max: max, Period: period, Location: loc}
	}
	noPay := func(title string) genericGot {
		return genericGot{Kind: scamhunt.KindDetail, Title: title, Location: "朝阳区", Contacts: []string{"+8613904317726"}}
	}
	long := strings.Repeat("负责门店日常收银、理货和顾客接待，", 8)
	rows := ""
	for i := range 6 {
		rows += `<li><a href="/job/` + string(rune('2'+i)) + `.html">商场促销员招聘</a><span class="salary">150元/天</span></li>`
	}
	tests := []struct {
		name string
		html string
		want genericGot
	}{
		{"a price box beside the title",
			`<h1>商场导购 周末</h1><div class="price">160元/天</div>` + area + desc,
			detail("商场导购 周末", "朝阳区", 160, 160, "day")},
		{"a salary box with its unit in the next element",
			`<div class="job-title">网店客服 在家办公</div><div class="summary"><span class="salary-num">4000-6000</span><em>元/月</em></div>` + area + desc,
			detail("网店客服 在家办公", "朝阳区", 4000, 6000, "month")},
		{"a money box per hour",
			`<h2>咖啡店兼职咖啡师</h2><p class="money">¥25/时</p>` + area + desc,
			detail("咖啡店兼职咖啡师", "朝阳区", 25, 25, "hour")},
		{"an unnamed amount with a period right after the title",
			`<h2 class="job-title">奶茶店店员</h2><span class="tag">18元/小时</span>` + area + desc,
			detail("奶茶店店员", "朝阳区", 18, 18, "hour")},
		{"a salary-named box with a figure alone",
			`<h1>仓库理货员</h1><div class="job-salary">3000-5000</div>` + area + desc,
			detail("仓库理货员", "朝阳区", 3000, 5000, "month")},
		{"a box makes one labelled field a detail",
			`<title>发传单-快聘</title><h1>发传单 每天两小时</h1><div class="price">60元/天</div>` + area,
			detail("发传单 每天两小时", "朝阳区", 60, 60, "day")},
		{"a labelled 薪资 wins over the box",
			`<h1>商场导购 周末</h1><div class="price">160元/天</div><p><span class="k">薪资</span><span class="v">200元/天</span></p>` + area + desc,
			detail("商场导购 周末", "朝阳区", 200, 200, "day")},
		{"a fee in a price box is no pay",
			`<h1>手工串珠 在家可做</h1><div class="price">材料费30元/件</div>` + fields + desc,
			noPay("手工串珠 在家可做")},
		{"a deposit in a money box is no pay",
			`<h1>手工串珠 在家可做</h1><p class="money">押金200元</p>` + fields + desc,
			noPay("手工串珠 在家可做")},
		{"a product's price without a period is no pay",
			`<h1>超市理货员</h1><div class="price">¥99</div>` + fields + desc,
			noPay("超市理货员")},
		{"a price-named figure without a unit is no pay",
			`<h1>超市理货员</h1><div class="price">4000-6000</div>` + fields + desc,
			noPay("超市理货员")},
		{"an unnamed amount far below the title is no pay",
			`<h1>超市理货员</h1>` + fields + `<div class="d"><p>` + long + `</p></div><div class="x"><span>150元/天</span></div>`,
			noPay("超市理货员")},
		{"salary boxes in the related-jobs rows are no pay",
			`<h1>超市理货员</h1>` + fields + desc + `<ul class="rel">` + rows + `</ul>`,
			noPay("超市理货员")},
		{"display is no pay word",
			`<h1>超市理货员</h1><div class="display">3000</div>` + fields + desc,
			noPay("超市理货员")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ex := genericRun(t, extract.Profile{}, tt.html)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract mismatch (-want +got), why %q:\n%s", ex.Why, diff)
			}
			if tt.want.Min > 0 && len(ex.Listings) == 1 && ex.Listings[0].Methods["salary"] != "box" && !strings.Contains(tt.name, "labelled") {
				t.Errorf("salary method %q, want box", ex.Listings[0].Methods["salary"])
			}
		})
	}
}
