package contact_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// canonical is the contract on Value, checked independently of the parser.
var canonical = map[scamhunt.ContactKind]*regexp.Regexp{
	scamhunt.ContactPhone: regexp.MustCompile(`^(?:\+86(?:1[3-9]\d{9}|(?:10|2\d)[2-9]\d{7}|[3-9]\d\d[2-9]\d{6,7}|[48]00\d{7})` +
		`|\+8869\d{8}|\+852[235679]\d{7}|\+853(?:6\d|28)\d{6})$`),
	scamhunt.ContactQQ:       regexp.MustCompile(`^[1-9]\d{4,10}$`),
	scamhunt.ContactWeChat:   regexp.MustCompile(`^(?:[a-z][-_a-z0-9]{5,19}|wxid_[_a-z0-9]{4,35}|1[3-9]\d{9})$`),
	scamhunt.ContactEmail:    regexp.MustCompile(`^[a-z0-9][a-z0-9._%+\-]*@[a-z0-9.\-]+\.[a-z]{2,12}$`),
	scamhunt.ContactURL:      regexp.MustCompile(`^(?:https?://)?[a-z0-9.\-]+(?::\d+)?(?:[/?#][!-~]*)?$`),
	scamhunt.ContactTelegram: regexp.MustCompile(`^[a-z][a-z0-9_]{4,31}$`),
}

func checkContacts(t *testing.T, in string, cs []scamhunt.Contact) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cs {
		if !strings.Contains(in, c.Raw) || c.Raw == "" {
			t.Errorf("raw %q of %s is not in input %q", c.Raw, c.Key(), in)
		}
		re, ok := canonical[c.Kind]
		if !ok || !re.MatchString(c.Value) {
			t.Errorf("value %q of kind %q is not canonical (input %q)", c.Value, c.Kind, in)
		}
		if seen[c.Key()] {
			t.Errorf("duplicate %s in %q", c.Key(), in)
		}
		seen[c.Key()] = true
		contact.Obfuscated(c)
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.in)
	}
	f.Add(benchAd)
	f.Fuzz(func(t *testing.T, s string) {
		checkContacts(t, s, contact.Find(s))
		for _, k := range []scamhunt.ContactKind{scamhunt.ContactQQ, scamhunt.ContactWeChat, scamhunt.ContactPhone, scamhunt.ContactTelegram} {
			checkContacts(t, s, contact.Field(k, s))
		}
	})
}

// FuzzLocate: every located span is inside the text and is the contact's
// raw text; every name's span folds to the name.
func FuzzLocate(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.in)
	}
	for _, c := range nameCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range contact.Locate(s) {
			if l.Start < 0 || l.End > len(s) || l.Start > l.ValueStart || l.ValueStart > l.End || s[l.Start:l.End] != l.Raw {
				t.Errorf("span [%d,%d) of %s is not its raw text %q in %q", l.Start, l.End, l.Key(), l.Raw, s)
			}
		}
		for _, n := range contact.Names(s) {
			if n.Start < 0 || n.End > len(s) || n.Start >= n.End || textnorm.Fold(s[n.Start:n.End]) != n.Name {
				t.Errorf("name %q at [%d,%d) of %q", n.Name, n.Start, n.End, s)
			}
		}
	})
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{"138 1234 5678", "１３８-1234-5678", "一三八一二三四五六七八", "+8613812345678",
		"扣扣 56793216", "薇信 abc_123", "56793216", "abc_123", "@scam_boss", "兼职", "043188886666",
		"0912-345-678", "+886 912 345 678", "9123 4567", "+852 9123 4567", "+853 6612 3456", "20250312"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkContacts(t, s, contact.Query(s))
	})
}

// benchAd is a typical ~1 KB order-brushing ad with several disguised contacts.
const benchAd = `【急招】手机兼职打字员/刷单员，在家就能做，动动手指日赚300-500元！
工作内容：帮商家提升店铺信誉，点赞、关注、评论，一单一结，佣金5-20元/单，多劳多得。
要求：18-45岁，有手机即可，无需经验，时间自由，宝妈学生优先。
今日名额有限（仅剩12个），先到先得！报名截止 2026-11-20 18:00。
联系方式：加薇信 abc_job_888 或 扣扣：5679 3216，备注"兼职"秒通过。
也可以直接打电话：１３８-1234-5678（微信同号），或者 一三九 八七六五 四三二一。
下载APP：xxx-task.com/app 注册后领取新手任务，首单返现8.8元。
不收任何押金、培训费，工资日结，谨防诈骗！
地址：吉林省长春市朝阳区某某大厦 1208 室，邮编 130000，座机 0431-8888 6666。
客服QQ群：987654321，邮箱 hr_job@163.com，纸飞机 @task_boss_01。`

func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(benchAd)))
	for b.Loop() {
		contact.Find(benchAd)
	}
}

func TestBenchAd(t *testing.T) {
	var got []string
	for _, c := range contact.Find(benchAd) {
		got = append(got, c.Key())
	}
	want := "wechat:abc_job_888 qq:56793216 phone:+8613812345678 wechat:13812345678 phone:+8613987654321 url:xxx-task.com/app phone:+8643188886666 qq:987654321 email:hr_job@163.com telegram:task_boss_01"
	if strings.Join(got, " ") != want {
		t.Errorf("Find(benchAd) keys\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}
