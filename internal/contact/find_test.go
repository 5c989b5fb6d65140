package contact_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

func phone(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: v, Raw: raw}
}
func qq(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactQQ, Value: v, Raw: raw}
}
func wechat(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: v, Raw: raw}
}
func email(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactEmail, Value: v, Raw: raw}
}
func link(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactURL, Value: v, Raw: raw}
}
func tg(v, raw string) scamhunt.Contact {
	return scamhunt.Contact{Kind: scamhunt.ContactTelegram, Value: v, Raw: raw}
}

type findCase struct {
	in   string
	want []scamhunt.Contact
}

// findCases: the first block is written plainly, the rest disguised.
var findCases = []findCase{
	// plain
	{"电话：13812345678", []scamhunt.Contact{phone("+8613812345678", "13812345678")}},
	{"联系电话 138-1234-5678 张先生", []scamhunt.Contact{phone("+8613812345678", "138-1234-5678")}},
	{"手机 138 1234 5678", []scamhunt.Contact{phone("+8613812345678", "138 1234 5678")}},
	{"+8613812345678", []scamhunt.Contact{phone("+8613812345678", "+8613812345678")}},
	{"+86 139 8765 4321", []scamhunt.Contact{phone("+8613987654321", "+86 139 8765 4321")}},
	{"0086-13812345678", []scamhunt.Contact{phone("+8613812345678", "0086-13812345678")}},
	{"（+86）13812345678", []scamhunt.Contact{phone("+8613812345678", "+86）13812345678")}},
	{"座机：0431-8888 6666", []scamhunt.Contact{phone("+8643188886666", "0431-8888 6666")}},
	{"Tel: 010-88886666", []scamhunt.Contact{phone("+861088886666", "010-88886666")}},
	{"(0755)2888666", []scamhunt.Contact{phone("+867552888666", "0755)2888666")}},
	{"热线400-123-4567", []scamhunt.Contact{phone("+864001234567", "400-123-4567")}},
	{"QQ：56793216", []scamhunt.Contact{qq("56793216", "QQ：56793216")}},
	{"QQ号码:123456789", []scamhunt.Contact{qq("123456789", "QQ号码:123456789")}},
	{"加QQ群 987654321 咨询", []scamhunt.Contact{qq("987654321", "加QQ群 987654321")}},
	{"QQ：13812345678", []scamhunt.Contact{qq("13812345678", "QQ：13812345678")}},
	{"QQ：56793216/87654321", []scamhunt.Contact{qq("56793216", "QQ：56793216"), qq("87654321", "87654321")}},
	{"微信：abc_123", []scamhunt.Contact{wechat("abc_123", "微信：abc_123")}},
	{"微信号: Zhang-San88", []scamhunt.Contact{wechat("zhang-san88", "微信号: Zhang-San88")}},
	{"微信：13812345678", []scamhunt.Contact{wechat("13812345678", "微信：13812345678")}},
	{"手机/微信：13912345678", []scamhunt.Contact{wechat("13912345678", "微信：13912345678"), phone("+8613912345678", "13912345678")}},
	{"13812345678（微信同号）", []scamhunt.Contact{phone("+8613812345678", "13812345678"), wechat("13812345678", "13812345678（微信同号")}},
	{"微信同号13812345678", []scamhunt.Contact{wechat("13812345678", "微信同号13812345678"), phone("+8613812345678", "13812345678")}},
	{"wxid_abcd1234efgh", []scamhunt.Contact{wechat("wxid_abcd1234efgh", "wxid_abcd1234efgh")}},
	{"邮箱：Job.HR@Example.COM", []scamhunt.Contact{email("job.hr@example.com", "Job.HR@Example.COM")}},
	{"简历发 56793216@qq.com", []scamhunt.Contact{email("56793216@qq.com", "56793216@qq.com"), qq("56793216", "56793216")}},
	{"详见 HTTPS://Www.Example.COM/Job?id=AB12。", []scamhunt.Contact{link("https://www.example.com/Job?id=AB12", "HTTPS://Www.Example.COM/Job?id=AB12")}},
	{"下载APP：xxx.com/app", []scamhunt.Contact{link("xxx.com/app", "xxx.com/app")}},
	{"官网 www.jobs-cn.top", []scamhunt.Contact{link("www.jobs-cn.top", "www.jobs-cn.top")}},
	// İ folds to i, one byte shorter: the value keeps the path's case but is ASCII (a fuzz find)
	{"HTTP://0#İ0", []scamhunt.Contact{link("http://0#i0", "HTTP://0#İ0")}},
	{"见 ｗｗｗ.Jobs.cn/Ａpp", []scamhunt.Contact{link("www.jobs.cn/App", "ｗｗｗ.Jobs.cn/Ａpp")}},
	{"Telegram: @Scam_Boss", []scamhunt.Contact{tg("scam_boss", "Telegram: @Scam_Boss")}},
	{"点击 t.me/Hello_World", []scamhunt.Contact{tg("hello_world", "t.me/Hello_World")}},
	{"电报：scam_bot", []scamhunt.Contact{tg("scam_bot", "电报：scam_bot")}},
	{"电话13812345678,13987654321", []scamhunt.Contact{phone("+8613812345678", "13812345678"), phone("+8613987654321", "13987654321")}},
	{"2026-11-20 13812345678", []scamhunt.Contact{phone("+8613812345678", "13812345678")}},
	{"送快递 13812345678", []scamhunt.Contact{phone("+8613812345678", "13812345678")}},
	{"日赚300 138 1234 5678", []scamhunt.Contact{phone("+8613812345678", "138 1234 5678")}},

	// disguised
	{"１３８-1234-5678", []scamhunt.Contact{phone("+8613812345678", "１３８-1234-5678")}},
	{"１３８１２３４５６７８", []scamhunt.Contact{phone("+8613812345678", "１３８１２３４５６７８")}},
	{"一三八一二三四五六七八", []scamhunt.Contact{phone("+8613812345678", "一三八一二三四五六七八")}},
	{"幺三八幺二三四五六七八", []scamhunt.Contact{phone("+8613812345678", "幺三八幺二三四五六七八")}},
	{"壹叁捌壹贰叁肆伍陆柒捌", []scamhunt.Contact{phone("+8613812345678", "壹叁捌壹贰叁肆伍陆柒捌")}},
	{"電話：壹叁玖〇〇〇〇壹贰叁肆", []scamhunt.Contact{phone("+8613900001234", "壹叁玖〇〇〇〇壹贰叁肆")}},
	{"一三八1234五六七八", []scamhunt.Contact{phone("+8613812345678", "一三八1234五六七八")}},
	{"①③⑧①②③④⑤⑥⑦⑧", []scamhunt.Contact{phone("+8613812345678", "①③⑧①②③④⑤⑥⑦⑧")}},
	{"138.1234.5678", []scamhunt.Contact{phone("+8613812345678", "138.1234.5678")}},
	{"138*1234*5678", []scamhunt.Contact{phone("+8613812345678", "138*1234*5678")}},
	{"1３8★1234☆5678", []scamhunt.Contact{phone("+8613812345678", "1３8★1234☆5678")}},
	{"138·1234·5678", []scamhunt.Contact{phone("+8613812345678", "138·1234·5678")}},
	{"138/1234|5678", []scamhunt.Contact{phone("+8613812345678", "138/1234|5678")}},
	{"1 3 8 1 2 3 4 5 6 7 8", []scamhunt.Contact{phone("+8613812345678", "1 3 8 1 2 3 4 5 6 7 8")}},
	{"1-3-8-1-2-3-4-5-6-7-8", []scamhunt.Contact{phone("+8613812345678", "1-3-8-1-2-3-4-5-6-7-8")}},
	{"电话：138\n1234\n5678", []scamhunt.Contact{phone("+8613812345678", "138\n1234\n5678")}},
	{"138\n    1234\n    5678 请备注", []scamhunt.Contact{phone("+8613812345678", "138\n    1234\n    5678")}},
	{"138\u200b1234\u200b5678", []scamhunt.Contact{phone("+8613812345678", "138\u200b1234\u200b5678")}},
	{"1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", []scamhunt.Contact{phone("+8613812345678", "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8")}},
	{"加q:56793.***6", []scamhunt.Contact{qq("567936", "加q:56793.***6")}},
	{"扣扣 56793216", []scamhunt.Contact{qq("56793216", "扣扣 56793216")}},
	{"加微信 abc_12345 领任务", []scamhunt.Contact{wechat("abc_12345", "加微信 abc_12345")}},
	{"加微信abc_12345", []scamhunt.Contact{wechat("abc_12345", "加微信abc_12345")}},
	{"有意者加QQ 56793216", []scamhunt.Contact{qq("56793216", "加QQ 56793216")}},
	{"加薇信：Abc-8899", []scamhunt.Contact{wechat("abc-8899", "加薇信：Abc-8899")}},
	{"扣扣：5 6 7 9 3 2 1 6", []scamhunt.Contact{qq("56793216", "扣扣：5 6 7 9 3 2 1 6")}},
	{"企鹅：伍陆柒玖叁贰壹陆", []scamhunt.Contact{qq("56793216", "企鹅：伍陆柒玖叁贰壹陆")}},
	{"企鹅号 56793216 秒回", []scamhunt.Contact{qq("56793216", "企鹅号 56793216")}},
	{"秋秋：5679-3216", []scamhunt.Contact{qq("56793216", "秋秋：5679-3216")}},
	{"Ｑ Ｑ：５６７９３２１６", []scamhunt.Contact{qq("56793216", "Ｑ Ｑ：５６７９３２１６")}},
	{"q q:56793216", []scamhunt.Contact{qq("56793216", "q q:56793216")}},
	{"Q：56793216", []scamhunt.Contact{qq("56793216", "Q：56793216")}},
	{"加Q 五六七九三二一六", []scamhunt.Contact{qq("56793216", "加Q 五六七九三二一六")}},
	{"🐧56793216", []scamhunt.Contact{qq("56793216", "🐧56793216")}},
	{"Q★Q：56793216", []scamhunt.Contact{qq("56793216", "Q★Q：56793216")}},
	{"薇信：abc_123", []scamhunt.Contact{wechat("abc_123", "薇信：abc_123")}},
	{"威信 Abc123456", []scamhunt.Contact{wechat("abc123456", "威信 Abc123456")}},
	{"V信: Abc123", []scamhunt.Contact{wechat("abc123", "V信: Abc123")}},
	{"VX：Money_888", []scamhunt.Contact{wechat("money_888", "VX：Money_888")}},
	{"wx:job2026", []scamhunt.Contact{wechat("job2026", "wx:job2026")}},
	{"加v：abc123", []scamhunt.Contact{wechat("abc123", "加v：abc123")}},
	{"加微：abc123", []scamhunt.Contact{wechat("abc123", "加微：abc123")}},
	{"微：abc123", []scamhunt.Contact{wechat("abc123", "微：abc123")}},
	{"薇 信：abc123", []scamhunt.Contact{wechat("abc123", "薇 信：abc123")}},
	{"微★信：abc123", []scamhunt.Contact{wechat("abc123", "微★信：abc123")}},
	{"💬：abc12345", []scamhunt.Contact{wechat("abc12345", "💬：abc12345")}},
	{"🟢 abc12345", []scamhunt.Contact{wechat("abc12345", "🟢 abc12345")}},
	{"微信：ａｂｃ＿１２３", []scamhunt.Contact{wechat("abc_123", "微信：ａｂｃ＿１２３")}},
	{"vx13812345678", []scamhunt.Contact{wechat("13812345678", "vx13812345678")}},
	{"薇信：一三八一二三四五六七八", []scamhunt.Contact{wechat("13812345678", "薇信：一三八一二三四五六七八")}},
	{"纸飞机：Scam_Boss", []scamhunt.Contact{tg("scam_boss", "纸飞机：Scam_Boss")}},
	{"TG: @abc_def", []scamhunt.Contact{tg("abc_def", "TG: @abc_def")}},
	{"简历：job#163.com", []scamhunt.Contact{email("job@163.com", "job#163.com")}},
	{"ＡＢＣ＠ＱＱ．ＣＯＭ", []scamhunt.Contact{email("abc@qq.com", "ＡＢＣ＠ＱＱ．ＣＯＭ")}},
	{"扣扣：56793216，薇信：abc_123，电话138-1234-5678", []scamhunt.Contact{
		qq("56793216", "扣扣：56793216"), wechat("abc_123", "薇信：abc_123"), phone("+8613812345678", "138-1234-5678")}},
	{"QQ/微信：56793216", []scamhunt.Contact{qq("56793216", "QQ/微信：56793216")}},
	{"138****5678 或 13987654321", []scamhunt.Contact{phone("+8613987654321", "13987654321")}},
	{"微信：abc123，微信：ABC123", []scamhunt.Contact{wechat("abc123", "微信：abc123")}},

	// disguised as on the demo board and in real ads: labels 球球, 扣, 威, 薇,
	// 卫星, 💚; arrows after labels; WeChat IDs split between name and number
	{"球球:758446219", []scamhunt.Contact{qq("758446219", "球球:758446219")}},
	{"报名球球二幺二七六六二五八九，非诚勿扰", []scamhunt.Contact{qq("2127662589", "球球二幺二七六六二五八九")}},
	{"咨询球球：8687708350", []scamhunt.Contact{qq("8687708350", "球球：8687708350")}},
	{"球球→三幺八二幺二〇四九六", []scamhunt.Contact{qq("3182120496", "球球→三幺八二幺二〇四九六")}},
	{"扣 五九三一三五零零四", []scamhunt.Contact{qq("593135004", "扣 五九三一三五零零四")}},
	{"扣 玖叁零玖柒壹捌叁零（验证写兼★职）", []scamhunt.Contact{qq("930971830", "扣 玖叁零玖柒壹捌叁零")}},
	{"扣→4606.8739.4（验证写兼职）", []scamhunt.Contact{qq("460687394", "扣→4606.8739.4")}},
	{"扣3099 3600 4", []scamhunt.Contact{qq("309936004", "扣3099 3600 4")}},
	{"加扣 335765132进群领任务", []scamhunt.Contact{qq("335765132", "扣 335765132")}},
	{"报名扣：贰叁肆捌玖贰零玖零伍，非诚勿扰", []scamhunt.Contact{qq("2348920905", "扣：贰叁肆捌玖贰零玖零伍")}},
	{"联系方式：Q→8８7１1２4３6", []scamhunt.Contact{qq("887112436", "Q→8８7１1２4３6")}},
	{"联系方式：q→2439509087", []scamhunt.Contact{qq("2439509087", "q→2439509087")}},
	{"三级分润，q-3478537741", []scamhunt.Contact{qq("3478537741", "q-3478537741")}},
	{"q->56793216", []scamhunt.Contact{qq("56793216", "q->56793216")}},
	{"Q四九〇二二三〇三九", []scamhunt.Contact{qq("490223039", "Q四九〇二二三〇三九")}},
	{"加我WX→lily 5443730，发你教程", []scamhunt.Contact{wechat("lily5443730", "WX→lily 5443730")}},
	{"微信：  vip★1818211", []scamhunt.Contact{wechat("vip1818211", "微信：  vip★1818211")}},
	{"加我wx：fafa_ 6333911，发你教程", []scamhunt.Contact{wechat("fafa_6333911", "wx：fafa_ 6333911")}},
	{"联系方式：威-jianzhi_ 4205651", []scamhunt.Contact{wechat("jianzhi_4205651", "威-jianzhi_ 4205651")}},
	{"薇信→xiaomei七一零八一二六（非诚勿扰）", []scamhunt.Contact{wechat("xiaomei7108126", "薇信→xiaomei七一零八一二六")}},
	{"报名请加威信→doudou_一二八九五五二", []scamhunt.Contact{wechat("doudou_1289552", "加威信→doudou_一二八九五五二")}},
	{"具体操作威信：ok六七三九七三八详聊", []scamhunt.Contact{wechat("ok6739738", "威信：ok六七三九七三八")}},
	{"V信→jianzhi七一八六二五八", []scamhunt.Contact{wechat("jianzhi7186258", "V信→jianzhi七一八六二五八")}},
	{"威信:nana_二四三八九一三", []scamhunt.Contact{wechat("nana_2438913", "威信:nana_二四三八九一三")}},
	{"卫星：lucky☆7367306（非诚勿扰）", []scamhunt.Contact{wechat("lucky7367306", "卫星：lucky☆7367306")}},
	{"详情咨询v信lucky★2459403（备注：兼职）", []scamhunt.Contact{wechat("lucky2459403", "v信lucky★2459403")}},
	{"微信：hh★7312702", []scamhunt.Contact{wechat("hh7312702", "微信：hh★7312702")}},
	{"徽信：nana 7213793", []scamhunt.Contact{wechat("nana7213793", "徽信：nana 7213793")}},
	{"微信-tt_\n2797002", []scamhunt.Contact{wechat("tt_2797002", "微信-tt_\n2797002")}},
	{"绿泡泡ok\n0764326", []scamhunt.Contact{wechat("ok0764326", "绿泡泡ok\n0764326")}},
	{"vx vip\n6180398", []scamhunt.Contact{wechat("vip6180398", "vx vip\n6180398")}},
	{"💚：dudu3005119", []scamhunt.Contact{wechat("dudu3005119", "💚：dudu3005119")}},
	{"有意者添加💚fafa_ 8267678", []scamhunt.Contact{wechat("fafa_8267678", "💚fafa_ 8267678")}},
	{"加我威xiaomei★1644208，发你教程", []scamhunt.Contact{wechat("xiaomei1644208", "威xiaomei★1644208")}},
	{"加我薇：xiaomei3069914，发你教程", []scamhunt.Contact{wechat("xiaomei3069914", "薇：xiaomei3069914")}},
	{"薇-gg 6078056", []scamhunt.Contact{wechat("gg6078056", "薇-gg 6078056")}},
	{"报名请加威 hh2179733", []scamhunt.Contact{wechat("hh2179733", "威 hh2179733")}},
	{"有意者添加V：hh 9966188", []scamhunt.Contact{wechat("hh9966188", "加V：hh 9966188")}},
	{"微信：jz.8908870", []scamhunt.Contact{wechat("jz8908870", "微信：jz.8908870")}},
	{"微信：jz*8908870", []scamhunt.Contact{wechat("jz8908870", "微信：jz*8908870")}},
	{"球球→7814-4970-6\n威-nana_\n4839977（非诚勿扰）", []scamhunt.Contact{
		qq("781449706", "球球→7814-4970-6"), wechat("nana_4839977", "威-nana_\n4839977")}},
	// IDs typed with spaces inside, and e-mail addresses with "@" and "." spelled out
	{"V信：ab c_9 9 9", []scamhunt.Contact{wechat("abc_999", "V信：ab c_9 9 9")}},
	{"加微信 x i a o m e i 8 8，详谈", []scamhunt.Contact{wechat("xiaomei88", "加微信 x i a o m e i 8 8")}},
	{"邮箱 abc123 at qq dot com", []scamhunt.Contact{email("abc123@qq.com", "abc123 at qq dot com")}},
	{"简历发 Job.HR(at)163.com", []scamhunt.Contact{email("job.hr@163.com", "Job.HR(at)163.com")}},
	{"hr_job艾特sina点cn", []scamhunt.Contact{email("hr_job@sina.cn", "hr_job艾特sina点cn")}},
	{"resume [at] jobs-cn [dot] com", []scamhunt.Contact{email("resume@jobs-cn.com", "resume [at] jobs-cn [dot] com")}},
	// not joined: the number after the name is a phone, a date, a price, or missing
	{"微信：ab cd 12元", nil},
	{"look at me dot com", nil},
	{"微信：abc123 发你教程", []scamhunt.Contact{wechat("abc123", "微信：abc123")}},
	{"微信：zhangsan 2026-11-20", []scamhunt.Contact{wechat("zhangsan", "微信：zhangsan")}},
	{"小薇：13812345678", []scamhunt.Contact{phone("+8613812345678", "13812345678")}},

	// Taiwan, Hong Kong and Macau numbers, as Big5 and Hong Kong boards
	// print them: plain, then disguised
	{"聯絡電話：0912-345-678", []scamhunt.Contact{phone("+886912345678", "0912-345-678")}},
	{"手機 0912 345 678 林小姐", []scamhunt.Contact{phone("+886912345678", "0912 345 678")}},
	{"週末打工 0912345678", []scamhunt.Contact{phone("+886912345678", "0912345678")}},
	{"+886 912 345 678", []scamhunt.Contact{phone("+886912345678", "+886 912 345 678")}},
	{"886-912-345678", []scamhunt.Contact{phone("+886912345678", "886-912-345678")}},
	{"(+886) 0912-345-678", []scamhunt.Contact{phone("+886912345678", "+886) 0912-345-678")}},
	{"+852 9123 4567", []scamhunt.Contact{phone("+85291234567", "+852 9123 4567")}},
	{"852-9123-4567", []scamhunt.Contact{phone("+85291234567", "852-9123-4567")}},
	{"(852) 6123 4567", []scamhunt.Contact{phone("+85261234567", "852) 6123 4567")}},
	{"00852 91234567", []scamhunt.Contact{phone("+85291234567", "00852 91234567")}},
	{"+852 2345 6789", []scamhunt.Contact{phone("+85223456789", "+852 2345 6789")}},
	{"電話：9123 4567", []scamhunt.Contact{phone("+85291234567", "9123 4567")}},
	{"電話：5123-4567", []scamhunt.Contact{phone("+85251234567", "5123-4567")}},
	// A simplified 电话 before 8 digits is a mainland number without its
	// area code: left unread rather than given Hong Kong's code.
	{"电话：6512 3456", nil},
	{"联系电话 65123456 王经理", nil},
	{"WhatsApp: 6123 4567", []scamhunt.Contact{phone("+85261234567", "6123 4567")}},
	{"聯絡陳生 91234567", []scamhunt.Contact{phone("+85291234567", "91234567")}},
	{"香港兼職 9123 4567", []scamhunt.Contact{phone("+85291234567", "9123 4567")}},
	{"電話：9123 4567 / 6123 4567", []scamhunt.Contact{phone("+85291234567", "9123 4567"), phone("+85261234567", "6123 4567")}},
	{"+853 6612 3456", []scamhunt.Contact{phone("+85366123456", "+853 6612 3456")}},
	{"澳門電話：6612 3456", []scamhunt.Contact{phone("+85366123456", "6612 3456")}},
	{"０９１２－３４５－６７８", []scamhunt.Contact{phone("+886912345678", "０９１２－３４５－６７８")}},
	{"零九一二三四五六七八", []scamhunt.Contact{phone("+886912345678", "零九一二三四五六七八")}},
	{"0912★345☆678", []scamhunt.Contact{phone("+886912345678", "0912★345☆678")}},
	{"聯絡電話：0912\n345\n678", []scamhunt.Contact{phone("+886912345678", "0912\n345\n678")}},
	{"+886 九一二 三四五 六七八", []scamhunt.Contact{phone("+886912345678", "+886 九一二 三四五 六七八")}},
	{"＋８５２ ９１２３ ４５６７", []scamhunt.Contact{phone("+85291234567", "＋８５２ ９１２３ ４５６７")}},
	{"+852\n9123\n4567", []scamhunt.Contact{phone("+85291234567", "+852\n9123\n4567")}},
	{"電話：九一二三 四五六七", []scamhunt.Contact{phone("+85291234567", "九一二三 四五六七")}},
	{"電話：玖壹貳叁肆伍陸柒", []scamhunt.Contact{phone("+85291234567", "玖壹貳叁肆伍陸柒")}},
	{"WhatsApp：9123.4567", []scamhunt.Contact{phone("+85291234567", "9123.4567")}},
	{"手機：９１２３★４５６７", []scamhunt.Contact{phone("+85291234567", "９１２３★４５６７")}},
	// a QQ label still wins; a phone label before one number says nothing
	// of the next line's
	{"QQ：91234567", []scamhunt.Contact{qq("91234567", "QQ：91234567")}},
	{"电话：13812345678\n56793216", []scamhunt.Contact{phone("+8613812345678", "13812345678")}},
	{"电话：010-6512 3456", []scamhunt.Contact{phone("+861065123456", "010-6512 3456")}},
}

func TestFind(t *testing.T) {
	for _, c := range findCases {
		if diff := cmp.Diff(c.want, contact.Find(c.in)); diff != "" {
			t.Errorf("Find(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

// TestFindCasesDisguised keeps the table honest: at least half its cases
// must carry a disguised contact.
func TestFindCasesDisguised(t *testing.T) {
	n := 0
	for _, c := range findCases {
		for _, w := range c.want {
			if contact.Obfuscated(w) {
				n++
				break
			}
		}
	}
	if len(findCases) < 70 || 2*n < len(findCases) {
		t.Errorf("%d cases, %d disguised; want >= 70 and at least half", len(findCases), n)
	}
}

func TestFindNone(t *testing.T) {
	for _, in := range []string{
		"日结150元/天",
		"月入3000-5000，日赚300+",
		"2026-11-20 报名截止 20261120",
		"工作时间 09:00-18:00，14:30:00 到岗",
		"身份证号110101199003071234",
		"订单号：13812345678",
		"快递单号 13812345678",
		"邮编130000",
		"价格 128000 元，押金 500",
		"招聘20人 年龄18-45岁",
		"时薪20元 每天 8 小时",
		"扣款50000元",
		"企鹅 12000元",
		"QQ：5679****",
		"QQ：138****5678",
		"138****5678",
		"1381234****",
		"电话：138xxxx5678",
		"微信：请扫码添加",
		"QQ兼职 日赚300",
		"Q1季度营收56793",
		"微商 代理",
		"hotel 56793216 房间",
		"abc13812345678",
		"第一二三名奖励",
		"2026年11月20日 15:30",
		"版本 v1.2.3",
		"¥13800000000",
		"微信：abc",
		"邀请码：56793216",
		"1.5万-2万/月 3k-5k",
		"043188886666",
		"扣除50元",
		"扣款",
		"我们扣 3 天工资",
		"扣 12000 元",
		"扣分 56793216",
		"折扣 88888",
		"回扣 30000",
		"加我WX→lily 说",
		"微信：vip会员 3个月",
		"WX→ 请咨询",
		"微信：abc 1234元",
		"微信：ab 12",
		"Q1 2026 营收",
		"张薇 Jessica",
		"小薇：你好",
		"权威 发布",
		"卫星路385号",
		"球球 比赛 3 比 2",
		"lily 5443730",
		// bare eight digits are no Hong Kong phone without a phone word: QQ
		// numbers, dates, money, orders; nor is a simplified 联系, which
		// comes before QQ numbers
		"91234567",
		"5679 3216",
		"有意者联系 56793216",
		"联系我 91234567",
		"报名截止 20250312",
		"日结 ¥5000 0000",
		"月薪 9000 5000",
		"订单号：91234567",
		"身份证 4401 0219 9003 0712 34",
		"电话：2345 6789",
		"电话：6512 345",
		"0912-345-67",
		"09123456789",
		"+886 812 345 678",
		"+852 1234 5678",
		"853 9123 4567",
		"香港路 95000元",
	} {
		if got := contact.Find(in); got != nil {
			t.Errorf("Find(%q) = %v, want none", in, got)
		}
	}
}

func TestField(t *testing.T) {
	cases := []struct {
		kind scamhunt.ContactKind
		in   string
		want []scamhunt.Contact
	}{
		{scamhunt.ContactQQ, "56793216", []scamhunt.Contact{qq("56793216", "56793216")}},
		{scamhunt.ContactQQ, "５６７９３２１６", []scamhunt.Contact{qq("56793216", "５６７９３２１６")}},
		{scamhunt.ContactQQ, "56793216 或 87654321", []scamhunt.Contact{qq("56793216", "56793216"), qq("87654321", "87654321")}},
		{scamhunt.ContactQQ, "56793216 微信：abc_123", []scamhunt.Contact{qq("56793216", "56793216"), wechat("abc_123", "微信：abc_123")}},
		{scamhunt.ContactQQ, "1234", nil},
		{scamhunt.ContactWeChat, "abc_123", []scamhunt.Contact{wechat("abc_123", "abc_123")}},
		{scamhunt.ContactWeChat, "ABC_123（备注兼职）", []scamhunt.Contact{wechat("abc_123", "ABC_123")}},
		{scamhunt.ContactWeChat, "13812345678", []scamhunt.Contact{wechat("13812345678", "13812345678")}},
		{scamhunt.ContactWeChat, "请扫码", nil},
		{scamhunt.ContactWeChat, "lele 5174251", []scamhunt.Contact{wechat("lele5174251", "lele 5174251")}},
		{scamhunt.ContactWeChat, "xx五八四九五五七", []scamhunt.Contact{wechat("xx5849557", "xx五八四九五五七")}},
		{scamhunt.ContactWeChat, "hh_☆6309988", []scamhunt.Contact{wechat("hh_6309988", "hh_☆6309988")}},
		{scamhunt.ContactWeChat, "KY★1003016", []scamhunt.Contact{wechat("ky1003016", "KY★1003016")}},
		{scamhunt.ContactWeChat, "amy_ 0051473 ↓↓↓", []scamhunt.Contact{wechat("amy_0051473", "amy_ 0051473")}},
		{scamhunt.ContactWeChat, "lily 说", nil},
		{scamhunt.ContactWeChat, "zhang 13812345678", []scamhunt.Contact{wechat("13812345678", "13812345678")}},
		{scamhunt.ContactTelegram, "lily 5443730", nil},
		{scamhunt.ContactQQ, "贰叁肆捌玖贰零玖零伍", []scamhunt.Contact{qq("2348920905", "贰叁肆捌玖贰零玖零伍")}},
		{scamhunt.ContactPhone, "043188886666", []scamhunt.Contact{phone("+8643188886666", "043188886666")}},
		{scamhunt.ContactPhone, "8613812345678", []scamhunt.Contact{phone("+8613812345678", "8613812345678")}},
		{scamhunt.ContactTelegram, "Scam_Boss", []scamhunt.Contact{tg("scam_boss", "Scam_Boss")}},
		{scamhunt.ContactPhone, "0987-654-321 陳先生", []scamhunt.Contact{phone("+886987654321", "0987-654-321")}},
		{scamhunt.ContactPhone, "9123 4567", nil},
		{scamhunt.ContactPhone, "陳生 9123 4567", []scamhunt.Contact{phone("+85291234567", "9123 4567")}},
		{scamhunt.ContactPhone, "85291234567", []scamhunt.Contact{phone("+85291234567", "85291234567")}},
		{scamhunt.ContactPhone, "2345 6789", nil},
		{scamhunt.ContactQQ, "91234567", []scamhunt.Contact{qq("91234567", "91234567")}},
		{scamhunt.ContactWeChat, "91234567", nil},
		{scamhunt.ContactEmail, "HR@Example.com", []scamhunt.Contact{email("hr@example.com", "HR@Example.com")}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, contact.Field(c.kind, c.in)); diff != "" {
			t.Errorf("Field(%s, %q) (-want +got):\n%s", c.kind, c.in, diff)
		}
	}
}

// TestLocate: every occurrence of a contact is located, also the same
// contact written again in another form, and each span is its raw text.
func TestLocate(t *testing.T) {
	in := "电话13812345678，也可以打一三八一二三四五六七八，V信：ab c_9 9 9，邮箱 abc123 at qq dot com"
	type loc struct{ Key, Text, Value string }
	var got []loc
	for _, l := range contact.Locate(in) {
		got = append(got, loc{l.Key(), in[l.Start:l.End], in[l.ValueStart:l.End]})
		if in[l.Start:l.End] != l.Raw {
			t.Errorf("span %q of %s is not its raw text %q", in[l.Start:l.End], l.Key(), l.Raw)
		}
	}
	want := []loc{
		{"phone:+8613812345678", "13812345678", "13812345678"},
		{"phone:+8613812345678", "一三八一二三四五六七八", "一三八一二三四五六七八"},
		{"wechat:abc_999", "V信：ab c_9 9 9", "ab c_9 9 9"},
		{"email:abc123@qq.com", "abc123 at qq dot com", "abc123 at qq dot com"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Locate (-want +got):\n%s", diff)
	}
}

var nameCases = []struct {
	in   string
	want []string
}{
	{"联系人：王先生 电话 13812345678", []string{"王先生"}},
	{"加薇信 abc_123 联系张小姐", []string{"张小姐"}},
	{"联系人 李四", []string{"李四"}},
	{"负责人：陈大文，电话", []string{"陈大文"}},
	{"HR: 刘小姐", []string{"刘小姐"}},
	{"有意者请找周经理面谈", []string{"周经理"}},
	{"聯繫人：張小姐", []string{"张小姐"}},
	{"王先生 13812345678，或李女士", []string{"王先生", "李女士"}},
	{"联系我们", nil},
	{"联系方式：微信", nil},
	{"公司总部在深圳，总经理面试", nil},
	{"联系人：人事部门负责", nil},
}

func TestNames(t *testing.T) {
	for _, c := range nameCases {
		var got []string
		for _, n := range contact.Names(c.in) {
			got = append(got, n.Name)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Names(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}
