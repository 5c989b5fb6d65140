// Package classify triages job listings as scam, suspicious or legit and
// says why. It sits between extract and index in the pipeline
// (crawl -> extract -> classify -> index) and is pure: Classify does no I/O,
// reads no clock and logs nothing; rules and model are loaded from bytes the
// caller read.
//
// # Scoring
//
// Every text field of a listing is folded (textnorm: full width, case,
// traditional to simplified) rune for rune, and a compact view drops the
// separators posters put inside words to dodge filters (刷★单, 刷 单), so
// offsets still lead back to the original text.
//
// Rules (configs/rules.yaml, LoadRules) are keywords and a few regular
// expressions, each with a category (a scam type of scamhunt.Categories, or
// "signal" for evidence such as 日赚300+ or 名额有限), a weight in logit
// units and contexts that cancel or lower an occurrence: 押金 near 不收 or
// 凡...均为骗子, 刷单 in 本岗位非刷单, 日结 in a leaflet job; a context
// word inside a keyword (不 in 不用收货) is not its context. All keywords,
// regexp literals and context patterns of all rules are compiled once into
// one Aho-Corasick automaton (matcher.go), so a field is scanned once; a
// regular expression is only tried anchored at an occurrence of one of its
// literals, on the next 40 runes (fewer when it cannot match that many),
// and not at all when it needs a digit and none is within reach. A rule
// counts once per listing, at its strongest occurrence, raised by a quarter
// for each further distinct word it matched (at most two): R_c is the sum
// over the rules of category c.
//
// Rules of category "warning" (negative weights: 诈骗分子, 受害人, 以招聘为名,
// 切勿...) mark a text that describes a scam rather than making the offer,
// and the narration context lowers scam words anywhere in such a text.
// rules.yaml's topics are word lists too common to be rules (money,
// earning, work, ease, contact, the reader, news narration and the words
// of one who describes a scheme (所谓, 号称, 往往), job details, the
// formulas of a public notice (特此通知, 敬请谅解)) whose presence the model
// reads, so that wording it has not seen is read by what it talks of.
//
// The model (Train, configs/model.json) has three heads over the same
// features:
//
//   - hashed character 1-3-grams of title, body and salary (2^18 buckets,
//     digits folded to 0, binary, scaled by 1/sqrt(count)),
//   - structural features: pay against the going rate for the kind of work
//     (rates: in rules.yaml, salary.Parse), contact only through
//     QQ/WeChat/Telegram, a phone, obfuscated contacts (contact.Obfuscated),
//     links, emoji and exclamation marks (counted once: counted up to
//     three, the model learned to trust their number), board-style
//     sections, scam words
//     inside quotation marks (a warning quotes them), SMS shape, words split
//     by symbols, the topics; "board" features (no company, very short)
//     fire only on a board listing with a title, salary or company, never
//     on a pasted message, which has none; pay is read from a short
//     body when there is no pay line, and a time-based pay at or below
//     the going rate is a feature of its own (pay_modest), as are dates
//     and head counts (facts: 11日, 2020年, 291名, what notices and reports
//     give; a deadline, 请于10月8日前, is none) and clauses numbered as an
//     official notice numbers them (enumerated: 一、 (二) 第三条 (a)),
//   - the rule sums R_c.
//
// The warning head gives pw, the probability that the text warns about or
// reports a scam (trained on the real corpus's warnings and news, with the
// scam types' rule sums left out: they are what a warning and a scam
// share). The scam head gives one calibrated probability:
//
//	score = logistic(b + u·pw + G·Σ_g w_g·x_g + Σ_f v_f·x_f·G_f + Σ_c s_c·R_c·G_c)
//
// where every contribution towards scam of the n-grams (G), of the money,
// earning, work, ease and contact topics, emoji and exclamation marks
// (G_f) and of every rule category but warning (G_c) is multiplied by
// 1-pw: a warning uses a scam's words and tone without meaning them
// ("不要刷单!不要刷单!"). Contacts, links and pay are not gated: a warning
// seldom has them, and discounting them on the warnings of the training
// set taught the model to weigh them more on every honest ad. The scales s_c start at 1 and are pulled towards 1
// while training, so the hand-set rule weights stay meaningful and the
// model learns corrections. The softmax category head names the scam type.
// Without a model, for a listing with no word to read, or for one with no
// evidence (HasEvidence: no scam type's or signal's rule fired, no word of
// money, earning or ease, no contact: "都能过,这你放心"; a word of contact
// alone, "这个怎么联系哦", or of work alone, "晚上还有兼职吗", asks and
// offers nothing),
// score = logistic(bias + Σ_c R_c) with the rules file's bias, so a
// content-free line is never flagged on the share of scams the model was
// trained on; the scam head does not train on such texts. A listing whose
// rules of one scam type sum, gated, to rules.yaml's flag_min is at least
// suspicious whatever the model says. A score at or above
// Config.ScamThreshold (default 0.8) is scam, at or above
// SuspiciousThreshold (default 0.5) suspicious.
//
// # Training and measuring
//
// Train is deterministic. The committed model is trained on the real
// corpus (testdata/real: texts real scammers, advertisers and police wrote,
// with their sources) and the synthetic training corpus as Synthetic makes
// it (at DefaultSyntheticWeight, its honest ads also as pasted texts
// without title, pay line or company); the honest examples weigh
// DefaultLegitRatio times the scam ones in all. The warning
// probabilities the scam head trains on are cross-fitted by source, so it
// learns how far to trust them on texts the warning head has not seen.
// CrossValidate measures the classifier on the real corpus by folds grouped
// by source (Folds, SourceGroup: every text of one page, repository file or
// dataset in one fold), training each fold's model on the others plus the
// synthetic corpus; Break reports recall by source type, kind and scam type
// (over all texts and over the texts with content, those not annotated as
// context lines) and false flags by honest kind, beside a baseline scored
// on the same texts, and counts apart the context lines and the texts
// without evidence; CasesOf narrows the missed scams and false flags it
// lists to some scam types or honest kinds. TestRealCrossValidation holds,
// over the whole corpus: scam texts with content flagged >= 0.90 and >=
// 0.80 for each scam type with at least 20 of them; context lines at most
// 15% of the scam texts (reported apart, with the recall over all texts
// beside); at most 3% of warnings, 3% of honest ads and 5% of ordinary
// messages flagged. ReadGroup fixes the three fifths of source groups
// whose errors may be read while writing rules; SplitRead separates the
// other two fifths, whose figures say how far those rules carry to
// wording no one read.
//
// # Evidence
//
// Every surviving rule occurrence is a scamhunt.Reason with the rule id, its
// category, field, matched words and byte offsets into the original field
// text (lowered occurrences say by which context). The model adds the
// n-grams and structural features that pushed the score up most ("model.ngram",
// "model.<feature>"), n-grams pointing at an occurrence in the text; a
// text read as a warning gets a negative "model.warning" reason saying how
// far its scam words were discounted. A flagged verdict names the scam types whose rules sum to category_min and
// half the strongest type's sum, plus the model's type (a softmax head over
// the same features) when it is sure or nothing else was found; each named
// type carries reasons. The head also knows scams of no job type
// (CategoryOther: phishing, prize and impersonation SMS) and names nothing
// for them, rather than the nearest job scam. Every flagged verdict has a
// reason whose Match is its field's text at [Start:End].
//
// # Files
//
//	rules.go       rule file format, LoadRules, validation with file:line
//	matcher.go     Aho-Corasick automaton over runes
//	regexp.go      how far a regexp reaches and whether it needs a digit
//	text.go        folded and compact views with offset maps
//	match.go       running rules and contexts over a listing
//	features.go    n-grams and structural features
//	model.go       Model, its JSON form, LoadModel
//	train.go       Train (deterministic AdaGrad logistic regression)
//	classifier.go  Config, New, Classify
//	evidence.go    reasons and categories of a verdict
//	input.go       Input (the JSONL of `scamhunt classify`), ReadLabelled
//	evaluate.go    Evaluate and its text report
//	crossval.go    Folds, CrossValidate, Score
//	breakdown.go   Break: rates by source type, kind, scam type, honest kind
//	baseline.go    Keywords, the keyword-list baseline
//	reputation.go  contact reputation across listings, allow and block lists
//
// testdata/real/ is the real-text corpus (scam.jsonl, honest.jsonl,
// PROVENANCE.md), rebuilt by `go run ./classify/internal/realimport`;
// internal/realcorpus checks its format and its independence from the
// sealed evaluation set. context.tsv there names the scam texts that carry
// no scam element on their own (Example.Context), annotated blind by two
// readers; recall is held on the others. testdata/train.jsonl and
// testdata/heldout.jsonl are a synthetic labelled corpus generated by
// internal/corpusgen from two separately written banks of hand-written
// fragments; the held-out file is never trained on.
package classify
