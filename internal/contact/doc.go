// Package contact finds contact details (phones, QQ numbers, WeChat IDs,
// e-mail addresses, URLs, Telegram handles) in attacker-written ad text and
// canonicalises them, undoing the disguises scam posters use to slip past
// filters. Extract uses Find and Field to fill Listing.Contacts, classify
// uses Obfuscated as a feature, index and web use Query to turn a typed
// search into contact keys, and dataset masks what Locate (every occurrence
// of every contact, with its span) and Names (contact people named near a
// contact label, or as surname and title: 联系人：李四, 王先生) find. The
// package is pure: no I/O, no state.
//
// Canonical values (the contract other packages key on):
//   - phone: a mobile as "+86" + 11 digits (+8613812345678); a landline as
//     "+86" + area code without its 0 + number (0431-8888 6666 ->
//     +8643188886666); 400/800 numbers as "+86" + 10 digits; a Taiwan
//     mobile as "+886" + 9 digits (0912-345-678 -> +886912345678); a Hong
//     Kong number as "+852" + 8 digits, a Macau one as "+853" + 8 digits.
//   - qq: 5 to 11 digits, no leading 0.
//   - wechat: the ID lower-cased ([a-z][-_a-z0-9]{5,19}, or wxid_...); a
//     mobile number given after a WeChat label is kind wechat with the 11
//     bare digits as value (13812345678), not also a phone.
//   - email: lower-case; "abc#qq.com" reads as abc@qq.com. A digits@qq.com
//     address is also that QQ number.
//   - url: as written, scheme and host lower-cased, no scheme added to a bare
//     "xxx.com/app"; t.me/name links are Telegram handles instead.
//   - telegram: the handle lower-cased, without "@".
//
// Raw is always the exact substring of the input a contact came from. For
// QQ, WeChat and Telegram it starts at the label ("扣扣：5679 3216") so the
// evidence shows the disguised label too; for phones it is the number alone.
//
// What is undone: full-width forms (via textnorm), Chinese numerals in their
// common, formal and spoken forms (一三八, 壹叁捌, 幺, 两) and circled or
// keycap digits; separators and symbols between digits (spaces, . - * / |
// · ★ ☆, emoji, zero-width characters) and numbers split across up to three
// lines; disguised labels (薇信 威信 卫星 V信 vx wx 加v 微 威 薇 💬 💚 🟢,
// 扣扣 扣 球球 企鹅 秋秋 Q q 🐧, 纸飞机), labels with a symbol inside (微★信,
// q q) and arrows after labels (球球→, q->, 威-). After a WeChat label or in
// a WeChat field, an ID broken between its name and number is joined back:
// "vip★1818211", "lily 5443730", "fafa_ 6333911", "tt_" and "2797002" on
// two lines, "xiaomei七一零八一二六" all read as one ID, but only when the
// number has four digits or more, stands alone and is not a mobile number;
// a CJK word ends the ID ("微信：abc123 发你教程" gives abc123). An ID typed
// with spaces inside ("V信：ab c_9 9 9") is joined back too, and an e-mail
// address with "@" or "." spelled out ("abc123 at qq dot com",
// "abc(at)163.com", "hr艾特sina点cn") is read as one.
//
// What is not a contact: a bare digit run becomes a phone only if it reads as
// one on its own (a mobile, or a landline whose area code is set apart), and
// a QQ number only after a QQ label or in a QQ field. Eight digits (a Hong
// Kong mobile starting 5, 6 or 9, or a Macau one starting 6 where 澳门 is
// said) are a phone only after +852/+853 or 852/853 set apart, in a phone
// field, or shortly after a phone label (电话, 手機, tel, WhatsApp), 香港/HK,
// or 聯絡/聯繫 written in traditional script, on the same line with no
// number between; a bare 8-digit run is otherwise a QQ number, an order, a
// date or a price. The simplified 联系 does not count: it comes before QQ
// numbers. A Taiwan mobile in national form (09 and eight digits) needs no
// label: no mainland number has ten digits starting 09. The one-character
// labels (q, v, 微, 扣) count only before ":", an arrow or a number of five
// digits or more ("扣款", "扣 3 天", "折扣 88888" are not labels), and 威
// and 薇, common in names, only before a WeChat ID with a digit in it. A
// group of digits is never split, so digits inside longer numbers (ID
// cards, orders) are never a phone. Figures glued to a unit or currency (150元, 3000人, ¥...), dates,
// times, and numbers after 单号/身份证/邮编/验证码-style labels are skipped.
// Masked numbers are not contacts unless the digits left are complete: stars
// next to the digits ("1381234****") or a gap of three or more stars alone
// ("138****5678") mark a mask, while stars mixed with other separators
// ("加q:56793.***6" -> 567936) are a disguise and are read through.
package contact
