package classify_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

func TestClassify(t *testing.T) {
	c := newClassifier(t)
	cases := []struct {
		name      string
		l         scamhunt.Listing
		wantLabel scamhunt.Label
		wantCats  []string
	}{
		{"brushing SMS", scamhunt.Listing{Title: "手机兼职", Body: "淘宝刷单，本金+佣金秒返，一单一结，加薇信 kk8866"},
			scamhunt.LabelScam, []string{"shuadan"}},
		{"apprentice fee", scamhunt.Listing{Title: "诚心收徒", Body: "拜师费188元，师傅带你日赚500，名额有限，V信 abc123"},
			scamhunt.LabelScam, []string{"baishi"}},
		{"deposit for a model job", scamhunt.Listing{Title: "急招模特 日结800", Body: "面试通过后需交服装费300元，入职先交押金200元，扣扣 5 6 7 9 3 1 2"},
			scamhunt.LabelScam, []string{"deposit"}},
		{"handcraft outsourcing", scamhunt.Listing{Title: "在家手工活", Body: "串珠手工外发，材料费98元，成品包回收，宝妈在家就能做"},
			scamhunt.LabelScam, []string{"typing"}},
		{"top-up", scamhunt.Listing{Title: "充值返利兼职", Body: "先付后返，充值越多返利越多，账户冻结需交解冻费，vx：fanli777"},
			scamhunt.LabelScam, []string{"advance"}},
		{"bad reviews for pay", scamhunt.Listing{Title: "职业差评师", Body: "给网店刷差评，商家私了赔钱后分成，日入500，企鹅 7788123"},
			scamhunt.LabelScam, []string{"review_extortion"}},
		{"downline", scamhunt.Listing{Title: "零成本创业", Body: "拉人头，发展下线，三级分销躺赚，扫码注册邀请奖励30元"},
			scamhunt.LabelScam, []string{"downline"}},
		{"traditional characters", scamhunt.Listing{Title: "網路兼職", Body: "淘寶刷單，傭金日結，本金秒返，加薇信"},
			scamhunt.LabelScam, []string{"shuadan"}},
		{"Taiwan's words: 網路 for 网络, 日領 for 日结, 加賴 for LINE", scamhunt.Listing{Body: "誠徵網路兼職，工作輕鬆，日領1500，有意者加賴 ID: kk2266"},
			scamhunt.LabelScam, nil},
		// the type head knows scams of no job type and names them none
		// (before it had that class, these were shuadan and downline)
		{"a card-charge phishing SMS", scamhunt.Listing{Body: "银联通知：您的银行卡今日在国美电器刷卡消费6980元，将从您账户扣除，请速咨询021-51863702。"},
			scamhunt.LabelScam, nil},
		{"points for cash on a look-alike site", scamhunt.Listing{Body: "【积分提醒】您的积分已满12600分可兑换现金126元，请登录手机官网 yd-jf.cc 兑换，逾期清零。"},
			scamhunt.LabelScam, nil},
		{"leaflet job paid daily", scamhunt.Listing{Title: "周末发传单", Company: "北京众合广告传媒有限公司", SalaryText: "150元/天",
			Body: "在朝阳大悦城门口发放宣传单，工资日结，公司直招不收任何费用。联系电话：13812345678"},
			scamhunt.LabelLegit, nil},
		{"office typist", scamhunt.Listing{Title: "数据录入员", Company: "华信数据服务有限公司", SalaryText: "4500-5500元/月",
			Body: "岗位职责：将纸质档案录入系统。任职要求：打字每分钟60字以上。公司坐班，五险一金，双休。电话：13912345678"},
			scamhunt.LabelLegit, nil},
		{"e-commerce service", scamhunt.Listing{Title: "淘宝售后客服", Company: "优品电子商务有限公司", SalaryText: "4000-6000元/月",
			Body: "负责处理店铺售后问题，处理中差评，与买家沟通解决问题。包吃住，五险。电话：13712345678"},
			scamhunt.LabelLegit, nil},
		{"rider going on and off shift", scamhunt.Listing{Title: "兼职外卖骑手", Company: "城东配送站", SalaryText: "7元/单",
			Body: "负责站点周边配送，班次自选，想跑就上线接单，累了随时下线休息，周结。站长电话：13512345678"},
			scamhunt.LabelLegit, nil},
		{"earning from a downline", scamhunt.Listing{Title: "副业推广员", Body: "零成本加入，你的下线每充值一笔你都有提成，下线越多躺赚越多，vx：tuiguang88"},
			scamhunt.LabelScam, []string{"downline"}},
		{"restaurant part-time", scamhunt.Listing{Title: "餐厅周末兼职", Company: "肯德基", SalaryText: "22元/小时",
			Body: "周末高峰期帮忙收银、点单，管一顿饭，工资日结，兼职不收任何费用。联系人：孙店长 13612345678"},
			scamhunt.LabelLegit, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Classify(tc.l)
			if v.Label != tc.wantLabel {
				t.Errorf("label = %s (score %.3f), want %s; reasons %s", v.Label, v.Score, tc.wantLabel, summary(v.Reasons))
			}
			want := tc.wantCats
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, v.Categories); diff != "" {
				t.Errorf("categories (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWarningsAndScams holds the line between a scam and a text that
// describes one (a police warning, a news sentence), between honest ads
// and scams that share their words, and the rules' floor: a text whose
// scam-type rules fire strongly is never legit.
func TestWarningsAndScams(t *testing.T) {
	c := newClassifier(t)
	cases := []struct {
		name string
		l    scamhunt.Listing
		want scamhunt.Label
	}{
		{"brushing is fraud", scamhunt.Listing{Body: "刷单都是诈骗"}, scamhunt.LabelLegit},
		{"paying first is fraud", scamhunt.Listing{Body: "凡是先交钱的都是骗子"}, scamhunt.LabelLegit},
		{"police tell the steps", scamhunt.Listing{Body: "警方提醒：诈骗分子先让受害人刷单，垫付本金后返还佣金，随后以卡单为由要求继续充值，都是诈骗"}, scamhunt.LabelLegit},
		{"the brushing offer", scamhunt.Listing{Body: "兼职刷单，垫付本金返佣金，一单一结，日赚300，加微信abc123"}, scamhunt.LabelScam},
		{"a task pitch", scamhunt.Listing{Body: "悬赏任务 新人首单送18元 会用手机就行"}, scamhunt.LabelScam},
		{"salaried sales apprentice", scamhunt.Listing{Title: "房产销售顾问", Company: "链家地产", SalaryText: "6000-12000元/月",
			Body: "底薪4000+提成，老带新，有师傅带徒弟，新人有培训，五险一金"}, scamhunt.LabelLegit},
		{"riders make up orders", scamhunt.Listing{Title: "外卖骑手", Company: "美团配送站", SalaryText: "8000元/月",
			Body: "招全职骑手，单价6元，高峰期补单奖励，多劳多得"}, scamhunt.LabelLegit},
		{"a work permit's cost", scamhunt.Listing{Title: "电子厂普工", Company: "富士康", SalaryText: "5500元/月",
			Body: "入职统一办理工作证，工本费20元，包吃住"}, scamhunt.LabelLegit},
		{"a work permit's cost, pasted", scamhunt.Listing{Body: "入职统一办理工作证，工本费20元，包吃住"}, scamhunt.LabelLegit},
		{"a welder's certificate", scamhunt.Listing{Body: "招聘焊工，公司协助办理特种作业操作证，工本费个人承担，包吃住，月薪6000-8000"}, scamhunt.LabelLegit},
		{"a permit fee before the interview", scamhunt.Listing{Body: "面试前需先办理工作证，交工本费150元"}, scamhunt.LabelScam},
		{"leaflets paid daily", scamhunt.Listing{Title: "周末发传单", Company: "星火广告", Body: "100元/天，日结，地点万达广场"}, scamhunt.LabelLegit},
		{"nothing to read", scamhunt.Listing{Body: "★★★ ！！！"}, scamhunt.LabelLegit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Classify(tc.l)
			got := v.Label
			if got == scamhunt.LabelSuspicious && tc.want == scamhunt.LabelScam {
				got = scamhunt.LabelScam // flagged is what counts for a scam
			}
			if got != tc.want {
				t.Errorf("label = %s (score %.3f), want %s; reasons %s", v.Label, v.Score, tc.want, summary(v.Reasons))
			}
		})
	}
}

// TestWarningReason checks that a warning full of scam words says why
// they count less: a model.warning reason whose note gives the share kept.
func TestWarningReason(t *testing.T) {
	v := newClassifier(t).Classify(scamhunt.Listing{Body: "民警提醒：网上兼职刷单、垫付本金返佣金都是诈骗分子设下的陷阱，切勿轻信"})
	i := slices.IndexFunc(v.Reasons, func(r scamhunt.Reason) bool { return r.Rule == classify.RuleWarning })
	if v.Label != scamhunt.LabelLegit || i < 0 {
		t.Fatalf("verdict %s %.3f, reasons %s: want legit with a %s reason", v.Label, v.Score, summary(v.Reasons), classify.RuleWarning)
	}
	if r := v.Reasons[i]; r.Weight >= 0 || r.Category != classify.CategoryWarning || !strings.Contains(r.Note, "scam words count ×") {
		t.Errorf("warning reason = %+v, want a negative weight, category warning and the share kept", r)
	}
}

// TestFlagFloor holds rules.yaml's flag_min: without a model the task
// pitch scores below the suspicious threshold on its rule weights alone,
// yet a shuadan rule summing to flag_min keeps it from being legit.
func TestFlagFloor(t *testing.T) {
	rs := loadRules(t)
	c, err := classify.New(rs, nil, classify.Config{SuspiciousThreshold: 0.7, ScamThreshold: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	v := c.Classify(scamhunt.Listing{Body: "悬赏任务 新人首单送18元"})
	if v.Label != scamhunt.LabelSuspicious || v.Score != 0.7 || !slices.Contains(v.Categories, "shuadan") {
		t.Errorf("verdict %s %.3f %v, want suspicious at 0.7 naming shuadan; reasons %s", v.Label, v.Score, v.Categories, summary(v.Reasons))
	}
	if v := c.Classify(scamhunt.Listing{Body: "新人首单送18元"}); v.Label != scamhunt.LabelLegit {
		t.Errorf("without a scam-type rule: %s %.3f, want legit", v.Label, v.Score)
	}
}

func summary(rs []scamhunt.Reason) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s「%s」%.2f ", r.Rule, r.Match, r.Weight)
	}
	return b.String()
}

// fieldText returns the listing text a reason's field names.
func fieldText(l scamhunt.Listing, field string) (string, bool) {
	switch field {
	case classify.FieldTitle:
		return l.Title, true
	case classify.FieldBody:
		return l.Body, true
	case classify.FieldSalary:
		return l.SalaryText, true
	case classify.FieldCompany:
		return l.Company, true
	case classify.FieldContactPerson:
		return l.ContactPerson, true
	case classify.FieldLocation:
		return l.Location, true
	}
	return "", false
}

// checkEvidence reports reasons that do not point into the listing, flagged
// verdicts without a spanned reason, and categories without reasons.
func checkEvidence(l scamhunt.Listing, v scamhunt.Verdict) error {
	spanned := false
	for _, r := range v.Reasons {
		if r.End == 0 {
			continue
		}
		text, ok := fieldText(l, r.Field)
		if !ok || r.Start < 0 || r.Start >= r.End || r.End > len(text) || text[r.Start:r.End] != r.Match {
			return fmt.Errorf("reason %s「%s」[%d:%d] of field %s does not point at its match", r.Rule, r.Match, r.Start, r.End, r.Field)
		}
		spanned = true
	}
	if v.Label.Flagged() && !spanned {
		return fmt.Errorf("flagged verdict without a reason pointing into the text: %s", summary(v.Reasons))
	}
	for _, cat := range v.Categories {
		if !slices.ContainsFunc(v.Reasons, func(r scamhunt.Reason) bool { return r.Category == cat }) {
			return fmt.Errorf("category %s has no reason", cat)
		}
	}
	if v.Score < 0 || v.Score > 1 {
		return fmt.Errorf("score %v outside [0, 1]", v.Score)
	}
	return nil
}

func TestEvidenceOffsets(t *testing.T) {
	c := newClassifier(t)
	l := scamhunt.Listing{
		Title: "ＶＩＰ兼職",
		Body:  "🔥急招！淘寶刷 ★ 單，本金＋傭金秒返🎉 拜師費１８８元",
	}
	v := c.Classify(l)
	got := map[string][]scamhunt.Reason{}
	for _, r := range v.Reasons {
		if !strings.HasPrefix(r.Rule, "model.") {
			got[r.Rule] = append(got[r.Rule], r)
		}
	}
	want := map[string][3]any{
		"shuadan.brushing":    {"刷 ★ 單", strings.Index(l.Body, "刷"), strings.Index(l.Body, "，本金")},
		"baishi.apprentice":   {"拜師費", strings.Index(l.Body, "拜"), strings.Index(l.Body, "１")},
		"signal.lucky_fee":    {"費１８８元", strings.Index(l.Body, "費"), len(l.Body)},
		"advance.payment":     {"本金", strings.Index(l.Body, "本金"), strings.Index(l.Body, "＋")},
		"shuadan.rebate":      {"本金＋傭金", strings.Index(l.Body, "本金"), strings.Index(l.Body, "秒")},
		"baishi.teach_earn":   {},
		"signal.easy_money":   {},
		"signal.phone_work":   {},
		"signal.urgency":      {},
		"signal.im_contact":   {},
		"shuadan.tasks":       {},
		"deposit.fee":         {},
		"downline.recruit":    {},
		"typing.job":          {},
		"signal.daily_pay":    {},
		"signal.no_interview": {},
	}
	for rule, w := range want {
		rs := got[rule]
		if w[0] == nil {
			if len(rs) > 0 {
				t.Errorf("rule %s fired on「%s」, want it silent", rule, rs[0].Match)
			}
			continue
		}
		if !slices.ContainsFunc(rs, func(r scamhunt.Reason) bool { return r.Match == w[0] && r.Start == w[1] && r.End == w[2] }) {
			t.Errorf("rule %s: reasons %s, want「%s」[%d:%d]", rule, summary(rs), w[0], w[1], w[2])
		}
	}
	if err := checkEvidence(l, v); err != nil {
		t.Error(err)
	}
}

// TestCorpusEvidence checks every verdict on the labelled corpus: reasons
// point at their matches, every flagged verdict has one that does, and
// every category named has its reasons.
func TestCorpusEvidence(t *testing.T) {
	c := newClassifier(t)
	for _, path := range []string{"testdata/train.jsonl", "testdata/heldout.jsonl"} {
		for _, e := range readExamples(t, path) {
			if err := checkEvidence(e.Listing, c.Classify(e.Listing)); err != nil {
				t.Errorf("%s %s: %v", path, e.Listing.ID, err)
			}
		}
	}
}

func TestClassifyConcurrent(t *testing.T) {
	c := newClassifier(t)
	ex := readExamples(t, "testdata/heldout.jsonl")[:120]
	want := make([]scamhunt.Verdict, len(ex))
	for i, e := range ex {
		want[i] = c.Classify(e.Listing)
	}
	got := make([]scamhunt.Verdict, len(ex))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(ex); i += 4 {
				got[i] = c.Classify(ex[i].Listing)
			}
		})
	}
	wg.Wait()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concurrent verdicts differ (-sequential +concurrent):\n%s", diff)
	}
}

func TestRulesOnlyScore(t *testing.T) {
	c := rulesOnly(t)
	v := c.Classify(scamhunt.Listing{ID: "r1", Body: "淘宝刷单"})
	// bias -4 + shuadan.brushing 6 = 2: logistic(2) = 0.8808.
	if v.Score != 0.8808 || v.Label != scamhunt.LabelScam {
		t.Errorf("rules-only verdict = %s %v, want scam 0.8808", v.Label, v.Score)
	}
	if v.ID != "r1" {
		t.Errorf("verdict ID = %q, want r1", v.ID)
	}
	empty := c.Classify(scamhunt.Listing{})
	if empty.Label != scamhunt.LabelLegit || empty.Categories == nil || empty.Reasons == nil {
		t.Errorf("empty listing verdict = %+v, want legit with empty (not nil) categories and reasons", empty)
	}
}

func TestConfig(t *testing.T) {
	cases := []struct {
		cfg  classify.Config
		want string
	}{
		{classify.Config{}, ""},
		{classify.Config{ScamThreshold: 0.9, SuspiciousThreshold: 0.6}, ""},
		{classify.Config{ScamThreshold: 0.3}, ""},
		{classify.Config{ScamThreshold: 1.5}, "classify: threshold 1.5 outside (0, 1]"},
		{classify.Config{ScamThreshold: 0.6, SuspiciousThreshold: 0.7}, "classify: suspicious threshold 0.7 above scam threshold 0.6"},
	}
	for _, c := range cases {
		err := c.cfg.Validate()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%+v.Validate() = %q, want %q", c.cfg, got, c.want)
		}
	}
	if _, err := classify.New(nil, nil, classify.Config{}); err == nil {
		t.Error("New(nil rules) succeeded")
	}
	c, err := classify.New(loadRules(t), nil, classify.Config{ScamThreshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Config(); got != (classify.Config{ScamThreshold: 0.3, SuspiciousThreshold: 0.3}) {
		t.Errorf("Config() = %+v, want both thresholds 0.3", got)
	}
}

// TestThresholdsFromRulesFile checks the rules file's thresholds decide
// labels unless Config overrides them.
func TestThresholdsFromRulesFile(t *testing.T) {
	data := []byte("thresholds: {scam: 0.9, suspicious: 0.6}\nrules:\n  - id: shuadan.brushing\n    category: shuadan\n    weight: 3\n    patterns: [刷单]\n")
	rules, err := classify.LoadRules("t.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := classify.New(rules, nil, classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Config(); got != (classify.Config{ScamThreshold: 0.9, SuspiciousThreshold: 0.6}) {
		t.Errorf("Config() = %+v, want the file's 0.9/0.6", got)
	}
	c, err = classify.New(rules, nil, classify.Config{ScamThreshold: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Config(); got != (classify.Config{ScamThreshold: 0.7, SuspiciousThreshold: 0.6}) {
		t.Errorf("Config() = %+v, want 0.7 from Config and 0.6 from the file", got)
	}
	if _, err := classify.LoadRules("t.yaml", []byte("thresholds: {scam: 0.4, suspicious: 0.6}\n")); err == nil || !strings.Contains(err.Error(), "t.yaml") {
		t.Errorf("thresholds out of order: err = %v, want an error naming the file", err)
	}
}

// TestNoEvidence holds that a text with nothing to weigh (no scam word,
// no money, work, earning, ease or contact) is scored by the rules alone,
// whatever share of scams the model was trained on: legit at
// logistic(bias), with no model reason; a text with one piece of evidence
// goes to the model.
func TestNoEvidence(t *testing.T) {
	c, rules := newClassifier(t), rulesOnly(t)
	for _, tc := range []struct {
		body     string
		evidence bool
	}{
		{"嘿嘿,那你看著辦吧", false},
		{"你好 简历已发送至邮箱", false},
		{"区块链主网开发工程师，必须要有经验吗？", false},
		{"都能过,这你放心", false},
		// a word of contact alone asks, it offers nothing
		{"这个怎么联系哦", false},
		// everyday talk of money asks and offers nothing: a price asked,
		// money spent, saved or lacking
		{"这双鞋多少钱啊", false},
		{"月底了没钱吃饭", false},
		{"下班顺路去银行取钱", false},
		{"先交200块钱押金", true},
		{"你的钱转到这个账户", true},
		{"完成任务就返佣金", true},
		{"这个怎么联系哦 微信abc12345", true},
		{"加我微信详谈", true},
		{"有证即可包分配", true},
	} {
		l := scamhunt.Listing{ID: "n", Body: tc.body}
		if got := c.HasEvidence(l); got != tc.evidence {
			t.Errorf("HasEvidence(%q) = %v, want %v", tc.body, got, tc.evidence)
		}
		v := c.Classify(l)
		modelReason := slices.ContainsFunc(v.Reasons, func(r scamhunt.Reason) bool { return strings.HasPrefix(r.Rule, "model.") })
		if !tc.evidence && (v.Label != scamhunt.LabelLegit || v.Score != 0.018 || modelReason) {
			t.Errorf("%q: %s %v %v, want legit at logistic(-4) = 0.018 with no model reason", tc.body, v.Label, v.Score, v.Reasons)
		}
		if r := rules.Classify(l); tc.evidence && v.Score == r.Score {
			t.Errorf("%q: score %v, the rules-only score: the model should judge a text with evidence", tc.body, v.Score)
		}
	}
}

// TestSchemeVerdicts holds the committed model's verdicts on texts the
// scheme rules (TestSchemeRules) read: a sum paid as the condition of the
// job, a job promised outright, a threat held until paid, money asked
// before money can leave are flagged with their type and the words that
// said so; honest texts with the same words stay legit.
func TestSchemeVerdicts(t *testing.T) {
	c := newClassifier(t)
	cases := []struct {
		name     string
		l        scamhunt.Listing
		flagged  bool
		category string // a type the flagged verdict names
		words    string // a reason's Match that says so
	}{
		{"sum paid for a start tomorrow", scamhunt.Listing{Body: "交200元包你明天就上班,名额不多,加微信 zz8899"}, true, "deposit", "交200元包你明天就上班"},
		{"an agency's promise", scamhunt.Listing{Body: "工作是可以保证你的,当天报名,明天就能上岗"}, true, "deposit", "工作是可以保证"},
		{"a threat until paid", scamhunt.Listing{Body: "现在转钱就停,不然天天发帖曝光你家店"}, true, "review_extortion", "不然天天发帖曝光"},
		{"money asked to withdraw", scamhunt.Listing{Body: "您的佣金已到账,提现前需要先缴纳20%的个人所得税"}, true, "advance", "提现前需要先缴"},
		{"a factory hires the same day", scamhunt.Listing{Title: "普工", Company: "东莞市宏达电子有限公司", SalaryText: "5000-6500元/月",
			Body: "保证当天入职，包吃住，五险一金，不收任何费用。电话：13812345678"}, false, "", ""},
		{"an agency that charges nothing", scamhunt.Listing{Body: "本中介介绍工作不收任何费用，有意者电话联系13912345678"}, false, "", ""},
		{"a buyer who will complain", scamhunt.Listing{Body: "再不给我退款，我就去消协投诉"}, false, "", ""},
		{"a warning that tells the scheme", scamhunt.Listing{Body: "凡是交200元就能上班的都是骗子，请大家提高警惕"}, false, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Classify(tc.l)
			if v.Label.Flagged() != tc.flagged {
				t.Fatalf("label = %s (score %.3f), want flagged %v; reasons %s", v.Label, v.Score, tc.flagged, summary(v.Reasons))
			}
			if !tc.flagged {
				return
			}
			if !slices.Contains(v.Categories, tc.category) {
				t.Errorf("categories %v, want %s among them", v.Categories, tc.category)
			}
			if !slices.ContainsFunc(v.Reasons, func(r scamhunt.Reason) bool { return r.Category == tc.category && r.Match == tc.words }) {
				t.Errorf("no %s reason on「%s」: %s", tc.category, tc.words, summary(v.Reasons))
			}
		})
	}
}
