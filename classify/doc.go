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
// earning, work, ease, contact, the reader, news narration, job details)
// whose presence the model reads, so that wording it has not seen is read
// by what it talks of.
//
// The model (Train, configs/model.json) has three heads over the same
// features:
//
//   - hashed character 1-3-grams of title, body and salary (2^18 buckets,
//     digits folded to 0, binary, scaled by 1/sqrt(count)),
//   - structural features: pay against the going rate for the kind of work
//     (rates: in rules.yaml, salary.Parse), contact only through
//     QQ/WeChat/Telegram, a phone, obfuscated contacts (contact.Obfuscated),
//     links, emoji and exclamation marks, board-style sections, scam words
//     inside quotation marks (a warning quotes them), SMS shape, words split
//     by symbols, the topics; "board" features (no company, very short)
//     fire only on a board listing with a title, salary or company, never
//     on a pasted message, which has none,
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
// earning, work, ease and contact topics (G_f) and of every rule category
// but warning (G_c) is multiplied by 1-pw: a warning uses a scam's words
// without meaning them. The scales s_c start at 1 and are pulled towards 1
// while training, so the hand-set rule weights stay meaningful and the
// model learns corrections. The softmax category head names the scam type.
// Without a model, or for a listing with no word to read, score =
// logistic(bias + Σ_c R_c) with the rules file's bias. A listing whose
// rules of one scam type sum, gated, to rules.yaml's flag_min is at least
// suspicious whatever the model says. A score at or above
// Config.ScamThreshold (default 0.8) is scam, at or above
// SuspiciousThreshold (default 0.5) suspicious.
//
// # Training and measuring
//
// Train is deterministic. The committed model is trained on the real
// corpus (testdata/real: texts real scammers, advertisers and police wrote,
// with their sources) and the synthetic training corpus at
// DefaultSyntheticWeight; the honest examples weigh DefaultLegitRatio times
// the scam ones in all. The warning
// probabilities the scam head trains on are cross-fitted by source, so it
// learns how far to trust them on texts the warning head has not seen.
// CrossValidate measures the classifier on the real corpus by folds grouped
// by source (Folds, SourceGroup: every text of one page, repository file or
// dataset in one fold), training each fold's model on the others plus the
// synthetic corpus; Break reports recall by source type, kind and scam type
// and false flags by honest kind, beside a baseline scored on the same
// texts.
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
// type carries reasons. Every flagged verdict has a reason whose Match is
// its field's text at [Start:End].
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
// sealed evaluation set. testdata/train.jsonl and testdata/heldout.jsonl
// are a synthetic labelled corpus generated by internal/corpusgen from two
// separately written banks of hand-written fragments; the held-out file is
// never trained on.
package classify
