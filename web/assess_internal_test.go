package web

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/scamhunt/scamhunt"
)

// at is a reason on body text whose match is found in the text.
func at(text, rule, category, match string, w float64) scamhunt.Reason {
	i := strings.Index(text, match)
	return scamhunt.Reason{Rule: rule, Category: category, Weight: w, Field: "body", Match: match, Start: i, End: i + len(match),
		Note: "english note for " + rule}
}

func TestToneOf(t *testing.T) {
	tasks := scamhunt.Reason{Rule: "shuadan.tasks", Category: "shuadan", Weight: 4}
	warned := scamhunt.Reason{Rule: "shuadan.brushing", Category: "shuadan", Weight: 0.6} // "谨防刷单", lowered by its context
	medical := scamhunt.Reason{Rule: "deposit.medical", Category: "deposit", Weight: 1.5}
	refund := scamhunt.Reason{Rule: "deposit.refund_promise", Category: "deposit", Weight: 1.5}
	signal := scamhunt.Reason{Rule: "signal.easy_money", Category: "signal", Weight: 2}
	tests := []struct {
		name    string
		label   scamhunt.Label
		reasons []scamhunt.Reason
		human   bool
		want    string
	}{
		{"scam", scamhunt.LabelScam, nil, false, toneScam},
		{"suspicious", scamhunt.LabelSuspicious, []scamhunt.Reason{signal}, false, toneSuspicious},
		{"legit with a 刷单 rule at full weight", scamhunt.LabelLegit, []scamhunt.Reason{tasks}, false, toneCaution},
		{"legit, one scam type adding up", scamhunt.LabelLegit, []scamhunt.Reason{medical, refund}, false, toneCaution},
		{"legit, a warning's discounted word", scamhunt.LabelLegit, []scamhunt.Reason{warned}, false, toneClear},
		{"legit, a weak fee word", scamhunt.LabelLegit, []scamhunt.Reason{medical}, false, toneClear},
		{"legit, strong signals only", scamhunt.LabelLegit, []scamhunt.Reason{signal, signal}, false, toneClear},
		{"legit, nothing", scamhunt.LabelLegit, nil, false, toneClear},
		{"a person's legit stands", scamhunt.LabelLegit, []scamhunt.Reason{tasks}, true, toneClear},
		{"no label", "", nil, false, toneUnknown},
	}
	for _, tt := range tests {
		if got := toneOf(tt.label, tt.reasons, tt.human); got != tt.want {
			t.Errorf("%s: tone %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAssess(t *testing.T) {
	e := bundled(t)
	ad := "在家刷单日赚300，垫付本金一单一结，加薇信 abc_8899"
	scam := []scamhunt.Reason{
		at(ad, "shuadan.brushing", "shuadan", "刷单", 6),
		at(ad, "advance.payment", "advance", "垫付", 3),
		at(ad, "advance.payment", "advance", "本金", 3),
		at(ad, "shuadan.per_order_pay", "shuadan", "一单一结", 2),
		at(ad, "signal.easy_money", "signal", "日赚300", 2),
		at(ad, "model.obfuscated_contact", "signal", "加薇信 abc_8899", 1.2),
		{Rule: "model.phone", Category: "signal", Weight: -0.8, Field: "contacts"},
	}
	pitch := "悬赏任务 新人首单送18元 会用手机就行"
	tests := []struct {
		name     string
		text     string
		label    scamhunt.Label
		cats     []string
		reasons  []scamhunt.Reason
		human    bool
		tone     string
		summary  string
		shown    []string // titles of the signs a page lists
		against  []string
		caveat   string
		nextStep bool
	}{
		{name: "scam", text: ad, label: scamhunt.LabelScam, cats: []string{"shuadan", "advance"}, reasons: scam,
			tone: toneScam, summary: "这很可能是刷单返利诈骗或垫付充值诈骗：招人刷单、刷信誉；要你垫付或充值；一单一结。",
			shown:   []string{"招人刷单、刷信誉", "要你垫付或充值", "一单一结", "收入高得不合常理", "联系方式写得遮遮掩掩"},
			against: []string{"留了电话号码"}, nextStep: true},
		{name: "suspicious without a scam type", text: ad, label: scamhunt.LabelSuspicious, cats: []string{}, reasons: scam[4:6],
			tone: toneSuspicious, summary: "这条信息有可疑之处：收入高得不合常理；联系方式写得遮遮掩掩。",
			shown: []string{"收入高得不合常理", "联系方式写得遮遮掩掩"}, nextStep: true},
		{name: "the 刷单 pitch at score 0.50", text: pitch, label: scamhunt.LabelLegit, cats: []string{},
			reasons: []scamhunt.Reason{at(pitch, "shuadan.tasks", "shuadan", "悬赏任务", 4), at(pitch, "signal.no_experience", "signal", "会用手机就行", 0.5)},
			tone:    toneCaution, summary: "这条信息有可疑之处：点赞、关注、做任务赚佣金；说什么都不用会。",
			shown: []string{"点赞、关注、做任务赚佣金", "说什么都不用会"}, caveat: e.Caveats.Caution, nextStep: true},
		{name: "honest ad warning of 刷单", text: "谨防刷单诈骗，日结", label: scamhunt.LabelLegit, cats: []string{},
			reasons: []scamhunt.Reason{{Rule: "shuadan.brushing", Category: "shuadan", Weight: 0.6}, {Rule: "signal.daily_pay", Category: "signal", Weight: 0.5}},
			tone:    toneClear, summary: "未发现明显骗局特征。", shown: []string{"当天结算"}, caveat: e.Caveats.Clear},
		{name: "a person checked it", text: pitch, label: scamhunt.LabelLegit, cats: []string{},
			reasons: []scamhunt.Reason{at(pitch, "shuadan.tasks", "shuadan", "悬赏任务", 4)}, human: true,
			tone: toneClear, summary: "管理员复核后认为这条信息没有问题。", caveat: e.Caveats.Clear},
		{name: "a person's scam label, no reasons", text: "x", label: scamhunt.LabelScam, cats: []string{},
			tone: toneScam, summary: "这很可能是骗局。", nextStep: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.assess(scamhunt.Listing{Body: tt.text}, tt.label, tt.cats, tt.reasons, tt.human)
			titles := func(ss []sign) []string {
				var out []string
				for _, s := range ss {
					out = append(out, s.Title)
				}
				return out
			}
			type outcome struct {
				Tone, Summary, Caveat string
				Shown, Against        []string
				NextStep              bool
			}
			got := outcome{a.Tone, a.Summary, a.Caveat, titles(append(a.Shown, a.More...)), titles(a.Against), len(a.NextSteps) > 0 && a.ActNow != ""}
			want := outcome{tt.tone, tt.summary, tt.caveat, tt.shown, tt.against, tt.nextStep}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("assessment (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSignsGroupReasons: a rule's occurrences are one sign with up to two
// distinct words marked in 12 runes of context, strongest sign first.
func TestSignsGroupReasons(t *testing.T) {
	e := bundled(t)
	ad := "先垫付一单，再垫付三单，需要本金，日赚300"
	rs := []scamhunt.Reason{
		at(ad, "signal.easy_money", "signal", "日赚300", 2),
		at(ad, "advance.payment", "advance", "垫付", 3),
		{Rule: "advance.payment", Category: "advance", Weight: 3, Field: "body", Match: "垫付", Start: 21, End: 27},
		at(ad, "advance.payment", "advance", "本金", 3),
		{Rule: "model.ngram", Category: "signal", Weight: 0.4, Field: "body", Match: "三单", Start: 9999, End: 10005},
	}
	got := e.signs(scamhunt.Listing{Body: ad}, rs)
	want := []sign{
		{Rule: "advance.payment", Category: "advance", CategoryName: "垫付充值", Title: "要你垫付或充值",
			Why: e.Reasons["advance.payment"].Why, Weight: 3, Matches: []string{"垫付", "本金"},
			Excerpts: [][]scamhunt.Span{
				{{Text: "先"}, {Text: "垫付", Mark: true}, {Text: "一单，再垫付三单，需要本"}, {Text: "…"}},
				{{Text: "…"}, {Text: "付一单，再垫付三单，需要"}, {Text: "本金", Mark: true}, {Text: "，日赚300"}},
			}},
		{Rule: "signal.easy_money", Category: "signal", CategoryName: "常见迹象", Title: "收入高得不合常理",
			Why: e.Reasons["signal.easy_money"].Why, Weight: 2, Matches: []string{"日赚300"},
			Excerpts: [][]scamhunt.Span{{{Text: "…"}, {Text: "，再垫付三单，需要本金，"}, {Text: "日赚300", Mark: true}}}},
		{Rule: "model.ngram", Category: "signal", CategoryName: "常见迹象", Title: "这些字眼常见于骗局广告",
			Why: e.Reasons["model.ngram"].Why, Weight: 0.4, Matches: []string{"三单"}}, // offsets out of range: no excerpt
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signs (-want +got):\n%s", diff)
	}
}

func TestContactOnly(t *testing.T) {
	tasks := []scamhunt.Reason{{Rule: "shuadan.tasks", Category: "shuadan", Weight: 4}}
	phone := []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+8613812345678", Raw: "一三八一二三四五六七八"}}
	tests := []struct {
		name    string
		text    string
		cs      []scamhunt.Contact
		reasons []scamhunt.Reason
		want    bool
	}{
		{"phone in Chinese numerals", "一三八一二三四五六七八", phone, nil, true},
		{"with a label", "电话：一三八一二三四五六七八", phone, nil, true},
		{"with a short question", "这个号码可靠吗？一三八一二三四五六七八", phone, nil, true},
		{"an ad with the phone", "招聘网络兼职，每天两小时，工资日结，联系一三八一二三四五六七八", phone, nil, false},
		{"a short 刷单 pitch", "刷单 一三八一二三四五六七八", phone, tasks, false},
		{"no contact", "你好", nil, nil, false},
	}
	for _, tt := range tests {
		if got := contactOnly(tt.text, tt.cs, tt.reasons); got != tt.want {
			t.Errorf("%s: contactOnly = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct {
		kind                             scamhunt.ContactKind
		total, scams, suspicious, cities int
		labelled                         bool
		want                             string
	}{
		{scamhunt.ContactPhone, 6, 6, 0, 6, true, "此号码出现在 6 条骗局信息中，涉及 6 个城市"},
		{scamhunt.ContactPhone, 0, 0, 0, 0, true, "此号码未收录"},
		{scamhunt.ContactQQ, 5, 2, 1, 1, true, "此QQ号出现在 5 条信息中，其中 2 条是骗局、1 条可疑，涉及 1 个城市"},
		{scamhunt.ContactWeChat, 3, 0, 3, 0, true, "此微信号出现在 3 条信息中，其中 3 条可疑"},
		{scamhunt.ContactPhone, 2, 0, 0, 2, true, "此号码出现在 2 条信息中，都没有被判定为骗局或可疑，涉及 2 个城市"},
		{scamhunt.ContactPhone, 40, 0, 0, 0, false, "此号码出现在 40 条信息中"},
		{"fax", 1, 1, 0, 0, true, "此联系方式出现在 1 条骗局信息中"},
	}
	for _, tt := range tests {
		if got := headline(tt.kind, tt.total, tt.scams, tt.suspicious, tt.cities, tt.labelled); got != tt.want {
			t.Errorf("headline(%s, %d, %d, %d, %d, %v) = %q, want %q", tt.kind, tt.total, tt.scams, tt.suspicious, tt.cities, tt.labelled, got, tt.want)
		}
	}
}
