package salary_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/salary"
)

type pay = scamhunt.Salary

var cases = []struct {
	in   string
	want pay
}{
	{"150元/天", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
	// a masked phone number is no figure: the pay is the one beside it
	{"新年快乐！【刘经理:156****7236】", pay{}},
	{"电话拨不通请速回:13*****，运费10元", pay{Min: 10, Max: 10, Unit: "元"}},
	{"日赚300，联系150xxxxxxxx", pay{Min: 300, Max: 300, Unit: "元", Period: "day"}},
	{"尾号****5678消费200元", pay{Min: 200, Max: 200, Unit: "元"}},
	{"联系人：１３８＊＊＊＊５６７８", pay{}},
	{"电话150XXXXXXXX", pay{}},
	{"15-20元/小时", pay{Min: 15, Max: 20, Unit: "元", Period: "hour"}},
	{"3000-5000元/月", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"3k-5k", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"3K-5K/月", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"3-5k", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"3千-5千/月", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"1-1.5万/月", pay{Min: 10000, Max: 15000, Unit: "元", Period: "month"}},
	{"8000-1.2万", pay{Min: 8000, Max: 12000, Unit: "元", Period: "month"}},
	{"日赚300+", pay{Min: 300, Unit: "元", Period: "day"}},
	{"日入300-500", pay{Min: 300, Max: 500, Unit: "元", Period: "day"}},
	{"日赚三百", pay{Min: 300, Max: 300, Unit: "元", Period: "day"}},
	{"月入过万", pay{Min: 10000, Unit: "元", Period: "month"}},
	{"轻松月入上万", pay{Min: 10000, Unit: "元", Period: "month"}},
	{"月入两万五", pay{Min: 25000, Max: 25000, Unit: "元", Period: "month"}},
	{"一单一结 5元", pay{Min: 5, Max: 5, Unit: "元", Period: "order"}},
	{"5元/单", pay{Min: 5, Max: 5, Unit: "元", Period: "order"}},
	{"佣金5-20元/单", pay{Min: 5, Max: 20, Unit: "元", Period: "order"}},
	{"每单佣金8.8元", pay{Min: 8.8, Max: 8.8, Unit: "元", Period: "order"}},
	{"80元/件", pay{Min: 80, Max: 80, Unit: "元", Period: "piece"}},
	{"计件 0.5元一个", pay{Min: 0.5, Max: 0.5, Unit: "元", Period: "piece"}},
	{"150/天", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
	{"￥150/天", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
	{"¥ 200 / 天", pay{Min: 200, Max: 200, Unit: "元", Period: "day"}},
	{"１５０元／天", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
	{"３０００－５０００元／月", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"全职月薪8000", pay{Min: 8000, Max: 8000, Unit: "元", Period: "month"}},
	{"时薪20", pay{Min: 20, Max: 20, Unit: "元", Period: "hour"}},
	{"20元一小时", pay{Min: 20, Max: 20, Unit: "元", Period: "hour"}},
	{"300-500元每天", pay{Min: 300, Max: 500, Unit: "元", Period: "day"}},
	{"100~150元/天 日结", pay{Min: 100, Max: 150, Unit: "元", Period: "day", Settlement: "日结"}},
	{"日结150元", pay{Min: 150, Max: 150, Unit: "元", Period: "day", Settlement: "日结"}},
	{"150元 当天结算", pay{Min: 150, Max: 150, Unit: "元", Settlement: "日结"}},
	{"周薪1500 周结", pay{Min: 1500, Max: 1500, Unit: "元", Period: "week", Settlement: "周结"}},
	{"4000元/月 月结", pay{Min: 4000, Max: 4000, Unit: "元", Period: "month", Settlement: "月结"}},
	{"完工结 200元/天", pay{Min: 200, Max: 200, Unit: "元", Period: "day", Settlement: "完工结"}},
	{"3000元以上", pay{Min: 3000, Unit: "元", Period: "month"}},
	{"底薪3000+提成", pay{Min: 3000, Unit: "元", Period: "month"}},
	{"最高500元/天", pay{Max: 500, Unit: "元", Period: "day"}},
	{"每天工作2-3小时，日赚150", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
	{"工资3000-5000，另有全勤200", pay{Min: 3000, Max: 5000, Unit: "元", Period: "month"}},
	{"500块一天", pay{Min: 500, Max: 500, Unit: "元", Period: "day"}},
	{"2000元/周", pay{Min: 2000, Max: 2000, Unit: "元", Period: "week"}},
	{"5个小时132元，咖啡打包", pay{Min: 26.4, Max: 26.4, Unit: "元", Period: "hour"}},
	{"4小时，100元", pay{Min: 25, Max: 25, Unit: "元", Period: "hour"}},
	{"2小时赚300", pay{Min: 150, Max: 150, Unit: "元", Period: "hour"}},
	{"每天工作8小时，日薪200", pay{Min: 200, Max: 200, Unit: "元", Period: "day"}},
	{"工作8小时，包吃住，3000元", pay{Min: 3000, Max: 3000, Unit: "元", Period: "month"}},
	{"搞一天卫生250元到280元", pay{Min: 250, Max: 280, Unit: "元", Period: "day"}},
	{"面议", pay{Negotiable: true}},
	{"待遇面议", pay{Negotiable: true}},
	{"薪资面议，日结", pay{Negotiable: true, Settlement: "日结"}},
	{"底薪+提成", pay{}},
	{"年薪10万", pay{}},
	{"招聘20人，年龄18-45岁", pay{}},
	{"2026-11-20 开始", pay{}},
	{"工作时间9:00-18:00", pay{}},
	{"", pay{}},
	{"0元", pay{}},
	{"面议 电话13812345678", pay{Negotiable: true}},
	{"日结 150元/天，联系13812345678", pay{Min: 150, Max: 150, Unit: "元", Period: "day", Settlement: "日结"}},
	{"  150元/天  ", pay{Min: 150, Max: 150, Unit: "元", Period: "day"}},
}

func TestParse(t *testing.T) {
	for _, c := range cases {
		want := c.want
		want.Text = trim(c.in)
		if diff := cmp.Diff(want, salary.Parse(c.in)); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func trim(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in)
	}
	periods := map[string]bool{"": true, "hour": true, "day": true, "week": true, "month": true, "piece": true, "order": true}
	f.Fuzz(func(t *testing.T, s string) {
		got := salary.Parse(s)
		if got.Min < 0 || got.Max < 0 || got.Max != 0 && got.Max < got.Min {
			t.Errorf("Parse(%q) = bad range %v-%v", s, got.Min, got.Max)
		}
		if !periods[got.Period] {
			t.Errorf("Parse(%q) period %q", s, got.Period)
		}
		if (got.Min > 0 || got.Max > 0) != (got.Unit == "元") {
			t.Errorf("Parse(%q) unit %q with %v-%v", s, got.Unit, got.Min, got.Max)
		}
	})
}
