package extract

import (
	"strings"
	"unicode"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// field is one thing a detail page can say about its ad.
type field int

// The fields, in Fields order; fContact (联系方式, e-mail) and fIgnore
// (labels we know but keep nothing of, like 截止时间) exist only in labels.
const (
	fTitle field = iota
	fSalary
	fLocation
	fHeadcount
	fContactPerson
	fPhone
	fQQ
	fWeChat
	fCompany
	fPosted
	fBody
	fCity
	fCategory
	fContact
	fIgnore
	nFields
)

// fieldNames are the keys of Listing.Methods, the same as the YAML keys of
// Fields.
var fieldNames = [nFields]string{
	"title", "salary", "location", "headcount", "contact_person", "phone", "qq", "wechat",
	"company", "posted", "body", "city", "category", "contact", "",
}

// labels maps a folded label (textnorm.Fold, no spaces, no colon) to its
// field. Traditional and full-width spellings fold to these.
var labels = map[string]field{
	"职位名称": fTitle, "岗位名称": fTitle, "招聘职位": fTitle, "兼职名称": fTitle, "职位": fTitle, "标题": fTitle,
	"岗位": fTitle, "招聘岗位": fTitle, "兼职岗位": fTitle, "工种": fTitle,

	"薪资": fSalary, "工资": fSalary, "待遇": fSalary, "薪资待遇": fSalary, "工资待遇": fSalary,
	"薪酬": fSalary, "薪水": fSalary, "报酬": fSalary, "佣金": fSalary, "时薪": fSalary,
	"日薪": fSalary, "月薪": fSalary, "薪资范围": fSalary, "兼职薪资": fSalary, "兼职工资": fSalary,
	"薪资福利": fSalary, "工作待遇": fSalary, "工资福利": fSalary, "薪酬待遇": fSalary, "薪金": fSalary, "收入": fSalary,
	"工价": fSalary, "单价": fSalary,

	"工作地点": fLocation, "地址": fLocation, "工作地址": fLocation, "地点": fLocation,
	"上班地点": fLocation, "工作区域": fLocation, "公司地址": fLocation, "详细地址": fLocation,
	"区域": fLocation, "所在区域": fLocation, "地区": fLocation, "位置": fLocation, "所在地": fLocation,
	"工作地区": fLocation, "商圈": fLocation, "面试地点": fLocation,

	"招聘人数": fHeadcount, "人数": fHeadcount, "招聘数量": fHeadcount, "需求人数": fHeadcount,
	"需要人数": fHeadcount, "招聘名额": fHeadcount, "招收人数": fHeadcount, "招人数": fHeadcount, "名额": fHeadcount,

	"联系人": fContactPerson, "联络人": fContactPerson, "联系人姓名": fContactPerson,

	"电话": fPhone, "手机": fPhone, "联系电话": fPhone, "手机号": fPhone, "手机号码": fPhone,
	"电话号码": fPhone, "联系手机": fPhone, "tel": fPhone, "联络电话": fPhone, "咨询电话": fPhone,
	"报名电话": fPhone, "座机": fPhone,

	"qq": fQQ, "qq号": fQQ, "扣扣": fQQ, "联系qq": fQQ, "qq号码": fQQ,

	"微信": fWeChat, "微信号": fWeChat, "薇信": fWeChat, "威信": fWeChat, "vx": fWeChat,
	"wx": fWeChat, "联系微信": fWeChat,

	"联系方式": fContact, "邮箱": fContact, "email": fContact, "e-mail": fContact,
	"电子邮箱": fContact, "电子邮件": fContact, "telegram": fContact, "联系": fContact,
	"联系我们": fContact, "联系方法": fContact,

	"公司": fCompany, "公司名称": fCompany, "单位": fCompany, "招聘单位": fCompany,
	"用人单位": fCompany, "企业名称": fCompany, "招聘企业": fCompany, "商家": fCompany,
	"店铺": fCompany, "雇主": fCompany,

	"发布时间": fPosted, "更新时间": fPosted, "发布日期": fPosted, "更新日期": fPosted,
	"刷新时间": fPosted, "发布于": fPosted, "发布": fPosted, "更新": fPosted, "发帖时间": fPosted,
	"发表于": fPosted, "刷新": fPosted,

	"职位描述": fBody, "工作内容": fBody, "岗位职责": fBody, "职位要求": fBody, "详细描述": fBody,
	"兼职描述": fBody, "职位详情": fBody, "岗位描述": fBody, "任职要求": fBody, "兼职内容": fBody,
	"职位介绍": fBody, "详细介绍": fBody, "工作描述": fBody, "兼职介绍": fBody,

	"城市": fCity, "所在城市": fCity, "工作城市": fCity,

	"职位类别": fCategory, "兼职类别": fCategory, "类别": fCategory, "分类": fCategory,
	"兼职类型": fCategory, "职位类型": fCategory, "工作类型": fCategory,

	"截止时间": fIgnore, "截止日期": fIgnore, "有效期": fIgnore, "工作时间": fIgnore,
	"上班时间": fIgnore, "学历": fIgnore, "性别": fIgnore, "年龄": fIgnore, "经验": fIgnore,
	"工作经验": fIgnore, "结算方式": fIgnore, "浏览次数": fIgnore, "浏览": fIgnore,
	"来源": fIgnore, "作者": fIgnore, "编号": fIgnore, "学历要求": fIgnore, "性别要求": fIgnore,
	"结算": fIgnore, "时间": fIgnore, "要求": fIgnore, "福利": fIgnore, "身高": fIgnore,
}

// maxLabel is the longest label in runes.
const maxLabel = 6

// labelOf reports the field of a whole cell or term text such as "薪资待遇：",
// "联 系 人" or "ＱＱ:"; the text must be the label alone.
func labelOf(s string) (field, bool) {
	var b []rune
	for _, r := range s {
		r = textnorm.Rune(r)
		switch {
		case unicode.IsSpace(r) || r == ':' || r == '：':
			continue
		case len(b) >= maxLabel+2:
			return 0, false
		}
		b = append(b, r)
	}
	f, ok := labels[string(b)]
	return f, ok
}

// pair is one labelled value found on a page.
type pair struct {
	f     field
	value string
}

// labelPairs finds every "标签：值" in one line of text: a known label
// (spaces inside allowed) ending at a colon, at the start of the line or
// after a space or punctuation, its value running to the next such label.
// It calls fn for each pair with a non-empty value.
func labelPairs(line string, fn func(pair)) {
	if strings.IndexByte(line, ':') < 0 && !strings.Contains(line, "：") {
		return
	}
	rs := []rune(line)
	type hit struct {
		start, colon int
		f            field
	}
	var hits []hit
	for i, r := range rs {
		if r != ':' && r != '：' {
			continue
		}
		if start, f, ok := labelBefore(rs, i); ok {
			hits = append(hits, hit{start, i, f})
		}
	}
	for k, h := range hits {
		end := len(rs)
		if k+1 < len(hits) {
			end = hits[k+1].start
		}
		v := strings.TrimFunc(string(rs[h.colon+1:end]), trimValue)
		if v != "" {
			fn(pair{h.f, v})
		}
	}
}

// labelBefore finds the longest known label ending just before rs[colon],
// skipping spaces inside it, that starts the line or follows a space or
// punctuation.
func labelBefore(rs []rune, colon int) (start int, f field, ok bool) {
	var buf [maxLabel + 2]rune // folded label runes, backwards
	var pos [maxLabel + 2]int  // their indices in rs
	n := 0
	for i := colon - 1; i >= 0 && n < len(buf); i-- {
		r := rs[i]
		if unicode.IsSpace(r) {
			continue
		}
		if unicode.IsPunct(r) && r != '-' {
			break
		}
		buf[n], pos[n] = textnorm.Rune(r), i
		n++
	}
	var key [maxLabel + 2]rune
	for l := min(n, maxLabel+2); l >= 1; l-- {
		for j := range l {
			key[j] = buf[l-1-j]
		}
		lf, found := labels[string(key[:l])]
		if !found {
			continue
		}
		s := pos[l-1]
		if s == 0 || unicode.IsSpace(rs[s-1]) || unicode.IsPunct(rs[s-1]) || unicode.IsSymbol(rs[s-1]) {
			return s, lf, true
		}
	}
	return 0, 0, false
}

// trimValue trims the white space and separators around a labelled value.
func trimValue(r rune) bool {
	switch r {
	case ':', '：', ';', '；', ',', '，', '|', '｜', '、', '。':
		return true
	}
	return unicode.IsSpace(r)
}
