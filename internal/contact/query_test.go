package contact_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

func TestQuery(t *testing.T) {
	cases := []struct {
		in   string
		want []scamhunt.Contact
	}{
		{"138 1234 5678", []scamhunt.Contact{phone("+8613812345678", "138 1234 5678"), wechat("13812345678", "138 1234 5678")}},
		{"１３８-1234-5678", []scamhunt.Contact{phone("+8613812345678", "１３８-1234-5678"), wechat("13812345678", "１３８-1234-5678")}},
		{"一三八一二三四五六七八", []scamhunt.Contact{phone("+8613812345678", "一三八一二三四五六七八"), wechat("13812345678", "一三八一二三四五六七八")}},
		{"+8613812345678", []scamhunt.Contact{phone("+8613812345678", "+8613812345678"), wechat("13812345678", "+8613812345678")}},
		{"  13812345678 ", []scamhunt.Contact{phone("+8613812345678", "13812345678"), wechat("13812345678", "13812345678")}},
		{"扣扣 56793216", []scamhunt.Contact{qq("56793216", "扣扣 56793216")}},
		{"薇信 abc_123", []scamhunt.Contact{wechat("abc_123", "薇信 abc_123")}},
		{"微信 13812345678", []scamhunt.Contact{wechat("13812345678", "微信 13812345678"), phone("+8613812345678", "微信 13812345678")}},
		{"56793216", []scamhunt.Contact{qq("56793216", "56793216"), phone("+85256793216", "56793216")}},
		{"5679 3216", []scamhunt.Contact{qq("56793216", "5679 3216"), phone("+85256793216", "5679 3216")}},
		{"567932", []scamhunt.Contact{qq("567932", "567932")}},
		{"20250312", []scamhunt.Contact{qq("20250312", "20250312")}},
		{"9123-4567", []scamhunt.Contact{phone("+85291234567", "9123-4567")}},
		{"+852 9123 4567", []scamhunt.Contact{phone("+85291234567", "+852 9123 4567")}},
		{"85291234567", []scamhunt.Contact{phone("+85291234567", "85291234567")}},
		{"0912-345-678", []scamhunt.Contact{phone("+886912345678", "0912-345-678")}},
		{"０９１２３４５６７８", []scamhunt.Contact{phone("+886912345678", "０９１２３４５６７８")}},
		{"886912345678", []scamhunt.Contact{phone("+886912345678", "886912345678")}},
		{"+886 912 345 678", []scamhunt.Contact{phone("+886912345678", "+886 912 345 678")}},
		{"+85366123456", []scamhunt.Contact{phone("+85366123456", "+85366123456")}},
		{"043188886666", []scamhunt.Contact{phone("+8643188886666", "043188886666")}},
		{"abc_123", []scamhunt.Contact{wechat("abc_123", "abc_123"), tg("abc_123", "abc_123")}},
		{"Zhang-San88", []scamhunt.Contact{wechat("zhang-san88", "Zhang-San88")}},
		{"job2026", []scamhunt.Contact{wechat("job2026", "job2026"), tg("job2026", "job2026")}},
		{"qq:56793216", []scamhunt.Contact{qq("56793216", "qq:56793216")}},
		{"wechat:Abc123", []scamhunt.Contact{wechat("abc123", "wechat:Abc123")}},
		{"phone: 0431 88886666", []scamhunt.Contact{phone("+8643188886666", "0431 88886666")}},
		{"@scam_boss", []scamhunt.Contact{tg("scam_boss", "@scam_boss")}},
		{"HR@Example.com", []scamhunt.Contact{email("hr@example.com", "HR@Example.com")}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, contact.Query(c.in)); diff != "" {
			t.Errorf("Query(%q) (-want +got):\n%s", c.in, diff)
		}
	}
	for _, q := range []string{"", "  ", "兼职", "刷单 日结", "python", "iphone15", "t-shirt", "2026", "150元/天", "3000-5000", "0123", "abc 123456"} {
		if got := contact.Query(q); got != nil {
			t.Errorf("Query(%q) = %v, want nil", q, got)
		}
	}
}

func TestObfuscated(t *testing.T) {
	cases := []struct {
		c    scamhunt.Contact
		want bool
	}{
		{phone("+8613812345678", "13812345678"), false},
		{phone("+8613812345678", "138-1234-5678"), false},
		{phone("+8613812345678", "138 1234 5678"), false},
		{phone("+8613812345678", "+86 138 1234 5678"), false},
		{phone("+8613812345678", "+86）13812345678"), false},
		{phone("+8643188886666", "0431-8888 6666"), false},
		{phone("+861088886666", "010-88886666"), false},
		{phone("+864001234567", "400-123-4567"), false},
		{qq("56793216", "QQ：56793216"), false},
		{qq("56793216", "QQ号码:56793216"), false},
		{wechat("abc_123", "微信：abc_123"), false},
		{wechat("13812345678", "微信：13812345678"), false},
		{tg("scam_bot", "电报：scam_bot"), false},
		{email("abc@qq.com", "abc@qq.com"), false},
		{link("https://v1.example.com/q12345", "https://v1.example.com/q12345"), false},

		{phone("+8613812345678", "１３８-1234-5678"), true},
		{phone("+8613812345678", "一三八一二三四五六七八"), true},
		{phone("+8613812345678", "①③⑧①②③④⑤⑥⑦⑧"), true},
		{phone("+8613812345678", "138.1234.5678"), true},
		{phone("+8613812345678", "138★1234☆5678"), true},
		{phone("+8613812345678", "138\n1234\n5678"), true},
		{phone("+8613812345678", "138\u200b12345678"), true},
		{phone("+8613812345678", "1381-234-5678"), true},
		{phone("+8613812345678", "138-1234 5678"), true},
		{phone("+8613812345678", "1 3 8 1 2 3 4 5 6 7 8"), true},
		{qq("567936", "加q:56793.***6"), true},
		{qq("56793216", "QQ：5679 3216"), true},
		{qq("56793216", "扣扣 56793216"), true},
		{qq("56793216", "企鹅：伍陆柒玖叁贰壹陆"), true},
		{qq("56793216", "q q:56793216"), true},
		{wechat("abc_123", "薇信：abc_123"), true},
		{wechat("abc123", "vx：abc123"), true},
		{wechat("abc123", "微★信：abc123"), true},
		{wechat("abc_123", "微信：ａｂｃ＿１２３"), true},
		{tg("scam_boss", "纸飞机：Scam_Boss"), true},
		{email("job@163.com", "job#163.com"), true},
		{qq("758446219", "球球:758446219"), true},
		{qq("593135004", "扣 五九三一三五零零四"), true},
		{wechat("vip1818211", "微信：vip★1818211"), true},
		{wechat("lily5443730", "微信：lily 5443730"), true},
		{wechat("xiaomei7108126", "微信：xiaomei七一零八一二六"), true},
		{wechat("job2994820", "薇 job2994820"), true},
		{wechat("dudu3005119", "💚：dudu3005119"), true},

		{phone("+886912345678", "0912-345-678"), false},
		{phone("+886912345678", "0912 345678"), false},
		{phone("+886912345678", "0912345678"), false},
		{phone("+886912345678", "+886 912 345 678"), false},
		{phone("+886912345678", "886-912-345678"), false},
		{phone("+886912345678", "+886 9 1234 5678"), false},
		{phone("+85291234567", "+852 9123 4567"), false},
		{phone("+85291234567", "852-9123-4567"), false},
		{phone("+85291234567", "9123 4567"), false},
		{phone("+85366123456", "+853 6612 3456"), false},
		{phone("+886912345678", "０９１２－３４５－６７８"), true},
		{phone("+886912345678", "零九一二三四五六七八"), true},
		{phone("+886912345678", "0912★345☆678"), true},
		{phone("+886912345678", "09-1234-5678"), true},
		{phone("+85291234567", "9123.4567"), true},
		{phone("+85291234567", "9 1 2 3 4 5 6 7"), true},
		{phone("+85291234567", "+852\n9123\n4567"), true},
	}
	for _, c := range cases {
		if got := contact.Obfuscated(c.c); got != c.want {
			t.Errorf("Obfuscated(%s %q) = %v, want %v", c.c.Kind, c.c.Raw, got, c.want)
		}
	}
}
