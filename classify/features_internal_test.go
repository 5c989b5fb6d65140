package classify

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

// dense returns the structural features of a listing under the committed
// rules, by name, leaving out those that are zero.
func dense(t *testing.T, l scamhunt.Listing) map[string]float64 {
	t.Helper()
	c := &Classifier{rules: committedRules(t), buckets: 1 << 10, maxN: 3}
	s := newScratch()
	c.features(&l, s)
	out := map[string]float64{}
	for i, x := range s.dense {
		if x != 0 {
			out[denseNames[i]] = x
		}
	}
	return out
}

// TestStructuralFeatures holds what the model reads off a text besides its
// words: board-only features stay off a pasted message, quoted scam words,
// SMS shape, split words and the topics.
func TestStructuralFeatures(t *testing.T) {
	cases := []struct {
		name string
		l    scamhunt.Listing
		want map[string]float64
	}{
		{"a report with its date and head count", scamhunt.Listing{Body: "去年12月我校有291名同学被录用"},
			map[string]float64{"facts": 1, "off_topic": 1}},
		// (its 日前 also reads as a reporter's "recently": topic_narrative)
		{"a deadline is no fact", scamhunt.Listing{Body: "请于2026年10月8日前办理"}, map[string]float64{"off_topic": 1, "topic_narrative": 1}},
		{"a price and an hour are no facts", scamhunt.Listing{Body: "明天8点到，3个钟"}, map[string]float64{"off_topic": 1}},
		{"pasted chat line", scamhunt.Listing{Body: "好兄弟，有钱一起赚"},
			map[string]float64{"topic_money": 1, "topic_earn": 1, "topic_address": 1}},
		{"board listing without company", scamhunt.Listing{Title: "招聘", Body: "好兄弟，有钱一起赚"},
			map[string]float64{"no_company": 1, "short_text": 1, "board": 1, "topic_money": 1, "topic_earn": 1, "topic_job": 1, "topic_address": 1}},
		{"warning quotes the offer", scamhunt.Listing{Body: "不法分子以“刷单返利”“日结”为诱饵实施诈骗"},
			map[string]float64{"quoted_terms": 3, "topic_earn": 1, "topic_job": 1}},
		{"a warning quotes the offer in single quotes", scamhunt.Listing{Body: "正规平台不会以‘高额佣金’为诱饵"},
			map[string]float64{"quoted_terms": 1, "topic_earn": 1}},
		{"bulk SMS", scamhunt.Listing{Body: "【XX招聘】在家兼职，日入300，回T退订"},
			// 日入300 is under the default day rate: the pay alone is no
			// evidence, the promise of easy earning is.
			map[string]float64{"sms_shape": 1, "topic_earn": 1, "topic_job": 1, "topic_ease": 1, "earn_easy": 1, "pay_modest": 1}},
		{"a bank's signature in square brackets", scamhunt.Listing{Body: "您的信用卡本期账单已出，最后还款日12月25日[招商银行]"},
			map[string]float64{"sms_shape": 1, "topic_notice": 1, "topic_address": 1, "off_topic": 1, "facts": 1}},
		{"an unsubscribe line that refuses", scamhunt.Listing{Body: "盒马鲜生新年满79减30，拒收请回复R"},
			map[string]float64{"sms_shape": 1, "off_topic": 1}},
		{"an unsubscribe line before a footnote mark [1]", scamhunt.Listing{Body: "回T退订，详见附件[1]"},
			map[string]float64{"sms_shape": 1, "off_topic": 1}},
		{"words split to dodge filters", scamhunt.Listing{Body: "刷 单 兼★职"},
			map[string]float64{"segmented": 3, "emoji": 1, "topic_job": 1}},
		{"nothing of money or work", scamhunt.Listing{Body: "邮件我已经收到了，感谢哟！"},
			map[string]float64{"exclaim": 1, "off_topic": 1}},
		{"shouting counts once", scamhunt.Listing{Body: "不要刷单!不要刷单!不要刷单!"},
			map[string]float64{"exclaim": 1, "off_topic": 1}},
		{"a shop's loyalty terms", scamhunt.Listing{Body: "首次注册会员即可获得200元购物金"},
			map[string]float64{"topic_money": 1, "topic_notice": 1}},
		{"a school's own notice", scamhunt.Listing{Body: "勤工助学岗位须经学生处审核"},
			map[string]float64{"topic_notice": 1, "topic_job": 1, "topic_ease": 1}},
		{"a public notice", scamhunt.Listing{Body: "活动暂时取消,另行通知,敬请谅解。特此通知!"},
			map[string]float64{"topic_notice": 1, "exclaim": 1, "off_topic": 1}},
		// 日结束 holds 日结 without paying anyone
		{"a date's end is no pay", scamhunt.Listing{Body: "延时开放12月18日结束"},
			map[string]float64{"off_topic": 1, "facts": 1}},
		// and 1日入账 holds 日入 without earning anything
		{"a credit's date is no earning", scamhunt.Listing{Body: "您的账户于12月1日入账"},
			map[string]float64{"topic_money": 1, "topic_address": 1, "topic_notice": 1, "facts": 1}},
		{"police narrate", scamhunt.Listing{Body: "记者了解到，对方称可以先垫付"},
			map[string]float64{"topic_narrative": 1, "off_topic": 1}},
		// 区块链 holds 块 and 钱包 holds 钱 without talking of money.
		{"a topic word inside a stop word", scamhunt.Listing{Body: "区块链钱包开发，要有经验吗？"},
			map[string]float64{"topic_spec": 1, "off_topic": 1}},
		{"modest pay in a pasted ad", scamhunt.Listing{Body: "每天工作4个小时，月薪2500元左右。"},
			map[string]float64{"pay_modest": 1, "topic_money": 1, "topic_job": 1, "topic_spec": 1}},
		{"pay far above the rate in a pasted ad", scamhunt.Listing{Body: "在家打字，每天800元"},
			map[string]float64{"pay_above_rate": 2, "topic_money": 1, "topic_ease": 1}},
		// the same hourly pay, named in Taiwan or Hong Kong, is their going rate
		{"a Taiwan hourly wage", scamhunt.Listing{Body: "台北捷運站徵臨時工讀生,時薪200元"},
			map[string]float64{"pay_modest": 1, "topic_money": 1, "topic_job": 1}},
		{"the same wage in simplified characters, no place named", scamhunt.Listing{Body: "地铁站征临时工,时薪200元"},
			map[string]float64{"pay_above_rate": math.Log2(200.0 / 60), "topic_money": 1, "topic_job": 1, "topic_spec": 1}},
		// traditional characters and no place: Taiwan's, Hong Kong's or
		// Macau's money all the same, at the traditional-script factor (5)
		{"the same wage in traditional characters, no place named", scamhunt.Listing{Body: "捷運站徵臨時工,時薪200元"},
			map[string]float64{"pay_modest": 1, "topic_money": 1, "topic_job": 1}},
		{"a traditional lure's day pay still reads high", scamhunt.Listing{Body: "在家打字，時間自由，每天賺3000元"},
			map[string]float64{"pay_above_rate": math.Log2(3000.0 / (200 * 5)), "topic_money": 1, "topic_earn": 1, "topic_ease": 1, "earn_easy": 1}},
		{"one stray variant does not make a text traditional", scamhunt.Listing{Body: "地铁站征临时工,时薪200元，見面详谈"},
			map[string]float64{"pay_above_rate": math.Log2(200.0 / 60), "topic_money": 1, "topic_job": 1, "topic_spec": 1}},
		{"a Taiwan ad known by its words", scamhunt.Listing{Body: "誠徵餐廳外場服務生，兼職時薪200元，週休二日"},
			map[string]float64{"pay_modest": 1, "topic_money": 1, "topic_job": 1}},
		{"a Hong Kong post office's hourly wage", scamhunt.Listing{Body: "郵政署招聘總務助理,時薪72元"},
			map[string]float64{"pay_modest": 1, "topic_money": 1, "topic_job": 1}},
		// a refund that arrives, and a transfer to an account, earn nothing
		{"a refund's arrival is no earning", scamhunt.Listing{Body: "亲，退款已经给您处理了，请留意支付宝到账通知"},
			map[string]float64{"topic_address": 1, "off_topic": 1}},
		{"money moved to an account earns nothing", scamhunt.Listing{Body: "之前的钱就会退回到账户里"},
			map[string]float64{"topic_money": 1}},
		{"a shop's coupon is no earning", scamhunt.Listing{Body: "您有一张满30减8元的红包即将过期，快去下单吧"},
			map[string]float64{"topic_money": 1, "topic_address": 1}},
		{"a volunteer's post denies pay", scamhunt.Listing{Body: "学生会招募新媒体运营志愿者，无报酬，可开志愿服务证明"},
			map[string]float64{"topic_job": 1}},
		{"a withdrawal that arrives at once is earning", scamhunt.Listing{Body: "佣金提现秒到账"},
			map[string]float64{"topic_earn": 1}},
		{"a sum in a report is no pay", scamhunt.Listing{Body: "被骗百万元以上的案件时有发生"},
			map[string]float64{"topic_money": 1, "topic_narrative": 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, dense(t, tc.l)); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnumerated(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"一、招聘岗位：图书馆学生助理", true},
		{"岗位要求如下。二、待遇：每小时20元", true},
		{"（三）工作时长：每周不超过8小时", true},
		{"第五条 助管岗位津贴为每月1500元", true},
		{"(a) 執行與保障消費者權益相關的法例", true},
		{"十二、其他事项", true},
		// a lure numbers its steps with digits, and 、 after a word lists things
		{"1点关注,2看头像,3进粉丝群", false},
		{"统一、规范、高效", false},
		{"第三方平台返佣", false},
		{"(备注:日结)", false},
		{"", false},
	} {
		var v view
		v.reset("body", c.text)
		var shape textShape
		shape.scan(&v)
		if shape.enumerated != c.want {
			t.Errorf("%q: enumerated %v, want %v", c.text, shape.enumerated, c.want)
		}
	}
}

func TestFoldPhrases(t *testing.T) {
	cases := []struct{ in, want string }{
		{"请点选以下连结进行验证", "请点击以下链接进行验证"},
		{"网路兼差储值简讯", "网络兼职充值短信"},
		{"先转帐到帐号", "先转账到账号"},
		{"工作地点选择灵活", "工作地点选择灵活"}, // 地点|选择
		{"重点选拔", "重点选拔"},
		{"看电影片段", "看电影片段"}, // 电影|片段
		{"看影片", "看视频"},
		{"连", "连"},
	}
	for _, c := range cases {
		r := []rune(c.in)
		foldPhrases(r, runeTable())
		if got := string(r); got != c.want {
			t.Errorf("foldPhrases(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPayOfMessage holds which figures of a pasted message are its pay: a
// figure by the month only when the text speaks of months, never a masked
// number.
func TestPayOfMessage(t *testing.T) {
	for _, c := range []struct {
		body   string
		min    float64
		period string
	}{
		{"每天工作4个小时,主要负责做午饭和陪餐,月薪2500元左右。", 2500, "month"},
		{"我們公司目前是包吃包住一個月3500元,駕駛員4500元。", 3500, "month"},
		{"3000元/月，包住", 3000, "month"},
		{"日结200元，当天到账", 200, "day"},
		// a masked number is no figure
		{"祝您元旦快乐！【工商银行】【客户经理:156****7236】", 0, ""},
		{"被骗走了12000元", 0, ""},
	} {
		p := payOf(&scamhunt.Listing{Body: c.body})
		if p.Min != c.min || p.Period != c.period {
			t.Errorf("payOf(%q) = %v/%q, want %v/%q", c.body, p.Min, p.Period, c.min, c.period)
		}
	}
}
