package classify

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt"
)

// CategorySignal is the category of rules that are evidence across scam
// types (pay far above the going rate, no experience needed, urgency) and
// name no scam type on their own.
const CategorySignal = "signal"

// CategoryWarning is the category of rules that mark a text describing or
// warning about a scam rather than making the offer: 诈骗分子, 受害人,
// 民警提醒. Their weights are negative; they name no scam type.
const CategoryWarning = "warning"

// Rules is a compiled rule set: keyword and regular-expression rules with
// the contexts that cancel or lower them, the going rates of pay the model's
// pay feature compares against, and the intercept used when no model is
// loaded. Load it with LoadRules; it is immutable and safe for concurrent
// use.
type Rules struct {
	bias        float64
	categoryMin float64
	flagMin     float64 // a scam type's rules summing to this flag the listing
	thresholds  Config  // the file's label thresholds; zero fields: defaults
	rules       []*rule
	rates       []Rate
	defaultRate Rate
	regions     []PayRegion
	ac          *matcher
	gates       int32    // gated regexps over all rules (rule.gate)
	refs        [][]ref  // matcher pattern -> what it stands for
	rateRefs    [][]int  // matcher pattern -> indexes of rates it is a keyword of
	regionRefs  [][]int  // matcher pattern -> indexes of pay regions it is a keyword of
	sectionRefs []int8   // matcher pattern -> section heading index, or -1
	topicRefs   [][]int8 // matcher pattern -> topics it is a word of
	// topicStop marks the matcher patterns that hold a topic word without
	// meaning it (区块链 holds 块): a topic word inside one is not counted.
	topicStop []bool
	// ctxStop marks the matcher patterns of context_not: phrases that hold
	// a context word without meaning it (切勿超时 urges, it warns of no
	// scam): a context word inside one does not count, for any rule.
	ctxStop []bool
}

// Rate is the going pay for a kind of work, in yuan per hour, day and
// month (zero: not stated). Keywords say which listings are that kind of
// work.
type Rate struct {
	Kind     string   `yaml:"kind"`
	Keywords []string `yaml:"keywords"`
	Hour     float64  `yaml:"hour"`
	Day      float64  `yaml:"day"`
	Month    float64  `yaml:"month"`
}

// PayRegion is a place whose pay is stated in its own currency and at its
// own level: Taiwan's 時薪250元 is NT$, a usual hourly wage there, not ten
// times the mainland's. A listing that names one of its keywords has the
// going rates multiplied by Factor before its pay is compared with them.
// A region with Script "traditional" instead of keywords is the one of a
// text written in traditional characters that names no place (traditionalRunes
// or more of them in its title and body): Taiwan, Hong Kong, Macau or a
// Chinese paper abroad, all paying in their own currency. The first region
// that holds counts, so it goes after the regions named by keywords.
type PayRegion struct {
	Region   string   `yaml:"region"`
	Keywords []string `yaml:"keywords"`
	Script   string   `yaml:"script"`
	Factor   float64  `yaml:"factor"`
}

// traditionalRunes is how many traditional-only characters (ones that
// fold to another simplified character: 時, 薪, 資, not 元 or 天) make a text
// traditional for a pay region's Script: two, so one stray variant in a
// mainland text does not.
const traditionalRunes = 2

// rule is one compiled rule.
type rule struct {
	id, category, description string
	fields                    fieldSet
	weight                    float64
	regexps                   []*regexp.Regexp
	needDigit                 []bool  // regexps[i] cannot match without an ASCII digit
	gated                     []bool  // regexps[i] cannot match without one of its tail words (tailWords) after its literal
	gate                      []int32 // regexps[i]'s index among all gated regexps (Rules.gates), -1 if not gated
	reach                     []int32 // regexps[i] matches at most this many runes
	contexts                  []context
}

// context cancels (factor 0) or lowers a rule hit when one of its patterns
// occurs within window runes of the hit, in the same sentence (or, with
// clause set, between the same commas), on the given side; window 0 means
// anywhere in the listing.
type context struct {
	window int32
	side   side
	clause bool
	factor float64
}

type side uint8

const (
	around side = iota
	before
	after
)

type refKind uint8

const (
	refKeyword     refKind = iota // a keyword of rule
	refLiteral                    // a literal gating regexp sub of rule
	refTail                       // a word the gated regexp numbered sub (rule.gate) cannot match without (tailWords)
	refContext                    // a pattern of context sub of rule
	refRate                       // a keyword of a going rate
	refRegion                     // a keyword of a pay region
	refSection                    // a section heading of a job description
	refTopic                      // a word of a topic
	refTopicStop                  // a word that holds a topic word without meaning it
	refContextStop                // a phrase that holds a context word without meaning it
)

// ref says what a matcher pattern stands for.
type ref struct {
	kind  refKind
	ascii bool // pattern is all ASCII letters and digits: match whole words only
	rule  int32
	sub   int32
}

// The fields rules can look at, as named in rules.yaml and in reasons.
const (
	FieldTitle         = "title"
	FieldBody          = "body"
	FieldSalary        = "salary"
	FieldCompany       = "company"
	FieldContactPerson = "contact_person"
	FieldLocation      = "location"
)

const nFields = 6

var fieldNames = [nFields]string{FieldTitle, FieldBody, FieldSalary, FieldCompany, FieldContactPerson, FieldLocation}

type fieldSet uint8

func (s fieldSet) has(i int) bool { return s&(1<<i) != 0 }

var defaultFields = fieldSet(1<<0 | 1<<1 | 1<<2)

// The YAML form of rules.yaml.
type fileSpec struct {
	Bias        float64     `yaml:"bias"`
	CategoryMin float64     `yaml:"category_min"`
	FlagMin     float64     `yaml:"flag_min"`
	Thresholds  Config      `yaml:"thresholds"`
	DefaultRate Rate        `yaml:"default_rate"`
	Rates       []Rate      `yaml:"rates"`
	PayRegions  []PayRegion `yaml:"pay_regions"`
	Topics      yaml.Node   `yaml:"topics"`
	ContextNot  []string    `yaml:"context_not"`
	Rules       []ruleSpec  `yaml:"rules"`
}

type ruleSpec struct {
	ID          string        `yaml:"id"`
	Category    string        `yaml:"category"`
	Description string        `yaml:"description"`
	Fields      []string      `yaml:"fields"`
	Weight      float64       `yaml:"weight"`
	Patterns    []string      `yaml:"patterns"`
	Regexps     []regexpSpec  `yaml:"regexps"`
	Context     []contextSpec `yaml:"context"`
}

type regexpSpec struct {
	Pattern  string   `yaml:"pattern"`
	Literals []string `yaml:"literals"`
}

type contextSpec struct {
	Patterns []string `yaml:"patterns"`
	Window   int      `yaml:"window"`
	Side     string   `yaml:"side"`
	Scope    string   `yaml:"scope"`
	Factor   float64  `yaml:"factor"`
}

// LoadRules parses and compiles a rules file. name is used in error
// messages, which point at the offending line ("rules.yaml:12: ...").
// Unknown keys, duplicate or malformed rule IDs, unknown categories and
// fields, bad regular expressions, regular expressions without a literal
// to gate them and patterns that fold to nothing are all errors.
func LoadRules(name string, data []byte) (*Rules, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErr(name, err)
	}
	var spec fileSpec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&spec); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no rules", name)
		}
		return nil, yamlErr(name, err)
	}
	lines := ruleLines(&root)
	at := func(i int) string {
		if i < len(lines) {
			return name + ":" + strconv.Itoa(lines[i])
		}
		return name
	}
	if len(spec.Rules) == 0 {
		return nil, fmt.Errorf("%s: no rules", name)
	}
	if spec.CategoryMin < 0 || math.IsNaN(spec.CategoryMin) {
		return nil, fmt.Errorf("%s: category_min must be >= 0", name)
	}
	if spec.FlagMin < 0 || math.IsNaN(spec.FlagMin) {
		return nil, fmt.Errorf("%s: flag_min must be >= 0", name)
	}
	if err := spec.Thresholds.Validate(); err != nil {
		return nil, fmt.Errorf("%s: thresholds: %w", name, err)
	}
	rs := &Rules{bias: spec.Bias, categoryMin: spec.CategoryMin, flagMin: spec.FlagMin, rates: spec.Rates, defaultRate: spec.DefaultRate, regions: spec.PayRegions, thresholds: spec.Thresholds}
	if rs.categoryMin == 0 {
		rs.categoryMin = 1
	}
	for i, rt := range append([]Rate{spec.DefaultRate}, spec.Rates...) {
		if rt.Hour < 0 || rt.Day < 0 || rt.Month < 0 {
			return nil, fmt.Errorf("%s: rate %q: negative pay", name, rt.Kind)
		}
		if i > 0 && (rt.Kind == "" || len(rt.Keywords) == 0) {
			return nil, fmt.Errorf("%s: rate %d needs a kind and keywords", name, i)
		}
	}

	var pats []string
	index := map[string]int{}
	var fold view // one for every pattern: a view per pattern was most of the load's garbage
	add := func(p string, r ref) error {
		f := fold.foldPattern(p)
		if f == "" {
			return fmt.Errorf("pattern %q folds to nothing", p)
		}
		r.ascii = allASCIIWord(f)
		id, ok := index[f]
		if !ok {
			id = len(pats)
			index[f] = id
			pats = append(pats, f)
			rs.refs = append(rs.refs, nil)
			rs.rateRefs = append(rs.rateRefs, nil)
			rs.regionRefs = append(rs.regionRefs, nil)
			rs.sectionRefs = append(rs.sectionRefs, -1)
			rs.topicRefs = append(rs.topicRefs, nil)
			rs.topicStop = append(rs.topicStop, false)
			rs.ctxStop = append(rs.ctxStop, false)
		}
		if r.kind == refContextStop {
			rs.ctxStop[id] = true
			return nil
		}
		if r.kind == refTopicStop {
			rs.topicStop[id] = true
			return nil
		}
		if r.kind == refTopic {
			if !slices.Contains(rs.topicRefs[id], int8(r.sub)) {
				rs.topicRefs[id] = append(rs.topicRefs[id], int8(r.sub))
			}
			return nil
		}
		if r.kind == refSection {
			rs.sectionRefs[id] = int8(r.sub)
			return nil
		}
		if r.kind == refRate {
			rs.rateRefs[id] = append(rs.rateRefs[id], int(r.sub))
			return nil
		}
		if r.kind == refRegion {
			rs.regionRefs[id] = append(rs.regionRefs[id], int(r.sub))
			return nil
		}
		rs.refs[id] = append(rs.refs[id], r)
		return nil
	}

	seen := map[string]bool{}
	for i, sp := range spec.Rules {
		ri := int32(i)
		r, tails, err := compileRule(sp)
		if err == nil && seen[r.id] {
			err = fmt.Errorf("duplicate rule id %q", r.id)
		}
		if err == nil {
			seen[r.id] = true
			for _, p := range sp.Patterns {
				if err = add(p, ref{kind: refKeyword, rule: ri}); err != nil {
					break
				}
			}
		}
		for j, re := range sp.Regexps {
			for _, l := range re.Literals {
				if err == nil {
					err = add(l, ref{kind: refLiteral, rule: ri, sub: int32(j)})
				}
			}
			if err != nil {
				continue
			}
			// Gate the regexp on its tail words only when each is matched
			// as written: an all-ASCII word is held to word bounds and a
			// word that folds to another would be reported as that one.
			r.gated = append(r.gated, len(tails[j]) > 0 && !slices.ContainsFunc(tails[j], func(w string) bool {
				return allASCIIWord(w) || fold.foldPattern(w) != w
			}))
			r.gate = append(r.gate, -1)
			if r.gated[j] {
				r.gate[j] = rs.gates
				rs.gates++
				for _, w := range tails[j] {
					if err = add(w, ref{kind: refTail, rule: ri, sub: r.gate[j]}); err != nil {
						break
					}
				}
			}
		}
		for j, c := range sp.Context {
			for _, p := range c.Patterns {
				if err == nil {
					err = add(p, ref{kind: refContext, rule: ri, sub: int32(j)})
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: rule %q: %w", at(i), sp.ID, err)
		}
		rs.rules = append(rs.rules, r)
	}
	for i, rt := range spec.Rates {
		for _, k := range rt.Keywords {
			if err := add(k, ref{kind: refRate, sub: int32(i)}); err != nil {
				return nil, fmt.Errorf("%s: rate %q: %w", name, rt.Kind, err)
			}
		}
	}
	for i, pr := range spec.PayRegions {
		if pr.Region == "" || (len(pr.Keywords) == 0) == (pr.Script == "") || !(pr.Factor > 0) || math.IsInf(pr.Factor, 0) {
			return nil, fmt.Errorf("%s: pay region %d needs a region, keywords or a script (not both) and a finite factor above 0", name, i)
		}
		if pr.Script != "" && pr.Script != "traditional" {
			return nil, fmt.Errorf("%s: pay region %q: script %q (want traditional)", name, pr.Region, pr.Script)
		}
		for _, k := range pr.Keywords {
			if err := add(k, ref{kind: refRegion, sub: int32(i)}); err != nil {
				return nil, fmt.Errorf("%s: pay region %q: %w", name, pr.Region, err)
			}
		}
	}
	topics, stops, err := topicWords(name, &spec.Topics)
	if err != nil {
		return nil, err
	}
	for i, words := range topics {
		for _, w := range words {
			if err := add(w, ref{kind: refTopic, sub: int32(i)}); err != nil {
				return nil, fmt.Errorf("%s: topic %s: %w", name, topicNames[i], err)
			}
		}
	}
	for _, w := range stops {
		if err := add(w, ref{kind: refTopicStop}); err != nil {
			return nil, fmt.Errorf("%s: topic %s: %w", name, topicStopKey, err)
		}
	}
	for _, p := range spec.ContextNot {
		if err := add(p, ref{kind: refContextStop}); err != nil {
			return nil, fmt.Errorf("%s: context_not: %w", name, err)
		}
	}
	for i, h := range sectionWords {
		if err := add(h, ref{kind: refSection, sub: int32(i)}); err != nil {
			return nil, err
		}
	}
	rs.ac = newMatcher(pats)
	return rs, nil
}

// topicStopKey is the topics entry that lists words holding a topic word
// without meaning it (区块链, 模块 hold 块).
const topicStopKey = "not"

// topicWords decodes the topics mapping: each key a name of topicNames
// (or topicStopKey), each value a list of words.
func topicWords(name string, n *yaml.Node) (out [nTopics][]string, stops []string, err error) {
	if n.Kind == 0 {
		return out, nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return out, nil, fmt.Errorf("%s:%d: topics must be a mapping of topic names to word lists", name, n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		dst := &stops
		if k.Value != topicStopKey {
			t := slices.Index(topicNames[:], k.Value)
			if t < 0 {
				return out, nil, fmt.Errorf("%s:%d: unknown topic %q (want one of %s, or %s)", name, k.Line, k.Value, strings.Join(topicNames[:], ", "), topicStopKey)
			}
			dst = &out[t]
		}
		if err := v.Decode(dst); err != nil {
			return out, nil, yamlErr(name, err)
		}
	}
	return out, stops, nil
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// compileRule compiles a rule, and returns with it the tail words of each
// of its regexps (tailWords), which LoadRules may gate the regexp on.
func compileRule(sp ruleSpec) (r *rule, tails [][]string, err error) {
	r = &rule{id: sp.ID, category: sp.Category, description: sp.Description, weight: sp.Weight}
	if !ruleIDPattern.MatchString(sp.ID) {
		return nil, nil, errors.New("id must look like category.name (lower case, digits, _)")
	}
	if sp.Category != CategorySignal && sp.Category != CategoryWarning && !slices.Contains(scamhunt.Categories, sp.Category) {
		return nil, nil, fmt.Errorf("unknown category %q (want one of %s, %s or %s)", sp.Category, strings.Join(scamhunt.Categories, ", "), CategorySignal, CategoryWarning)
	}
	if sp.Weight == 0 || math.IsNaN(sp.Weight) || math.IsInf(sp.Weight, 0) || math.Abs(sp.Weight) > 20 {
		return nil, nil, errors.New("weight must be non-zero and within [-20, 20]")
	}
	if len(sp.Patterns) == 0 && len(sp.Regexps) == 0 {
		return nil, nil, errors.New("no patterns or regexps")
	}
	r.fields = defaultFields
	if len(sp.Fields) > 0 {
		r.fields = 0
		for _, f := range sp.Fields {
			i := slices.Index(fieldNames[:], f)
			if i < 0 {
				return nil, nil, fmt.Errorf("unknown field %q (want one of %s)", f, strings.Join(fieldNames[:], ", "))
			}
			r.fields |= 1 << i
		}
	}
	for _, re := range sp.Regexps {
		if len(re.Literals) == 0 {
			return nil, nil, fmt.Errorf("regexp %q: needs literals that gate it", re.Pattern)
		}
		tree, err := syntax.Parse(re.Pattern, syntax.Perl)
		if err != nil {
			return nil, nil, fmt.Errorf("regexp %q: %w", re.Pattern, err)
		}
		if lit, bad := badLiteral(tree, re.Literals); bad {
			return nil, nil, fmt.Errorf("regexp %q: literal %q cannot begin a match (a regexp runs from where one of its literals occurs)", re.Pattern, lit)
		}
		if r, ok := droppedLiteral(tree); ok {
			return nil, nil, fmt.Errorf("regexp %q: %q is dropped from the text rules read (spaces, dots, slashes and dashes are), so it can never match", re.Pattern, r)
		}
		x, err := regexp.Compile(`^(?:` + re.Pattern + `)`)
		if err != nil {
			return nil, nil, fmt.Errorf("regexp %q: %w", re.Pattern, err)
		}
		r.regexps = append(r.regexps, x)
		simple := tree.Simplify()
		r.needDigit = append(r.needDigit, needsDigit(simple))
		tails = append(tails, tailWords(tree))
		reach := int32(regexpReach)
		if n := maxRunes(simple); n >= 0 && n < regexpReach {
			reach = int32(n)
		}
		r.reach = append(r.reach, reach)
	}
	for _, c := range sp.Context {
		ctx := context{window: int32(c.Window), factor: c.Factor}
		if len(c.Patterns) == 0 {
			return nil, nil, errors.New("context without patterns")
		}
		if c.Window < 0 || c.Window > 200 {
			return nil, nil, errors.New("context window must be within [0, 200] runes")
		}
		if c.Factor < 0 || c.Factor >= 1 || math.IsNaN(c.Factor) {
			return nil, nil, errors.New("context factor must be within [0, 1)")
		}
		switch c.Side {
		case "", "around":
			ctx.side = around
		case "before":
			ctx.side = before
		case "after":
			ctx.side = after
		default:
			return nil, nil, fmt.Errorf("context side %q (want before, after or around)", c.Side)
		}
		switch c.Scope {
		case "", "sentence":
		case "clause":
			ctx.clause = true
		default:
			return nil, nil, fmt.Errorf("context scope %q (want sentence or clause)", c.Scope)
		}
		r.contexts = append(r.contexts, ctx)
	}
	return r, tails, nil
}

// foldPattern folds a pattern the way view folds text into its compact
// form.
func (v *view) foldPattern(p string) string {
	v.reset("", p)
	return string(v.comp)
}

func allASCIIWord(s string) bool {
	for _, r := range s {
		if !isASCIIWord(r) {
			return false
		}
	}
	return s != ""
}

// ruleLines returns the line of each item of the top-level rules sequence.
func ruleLines(root *yaml.Node) []int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "rules" && n.Content[i+1].Kind == yaml.SequenceNode {
			var lines []int
			for _, it := range n.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlErr rewrites the YAML library's "line N: msg" errors as
// "name:N: msg", one per line.
func yamlErr(name string, err error) error {
	var te *yaml.TypeError
	msgs := []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for i, m := range msgs {
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			msgs[i] = name + ":" + sm[1] + ": " + m[len(sm[0]):]
		} else {
			msgs[i] = name + ": " + m
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// Len returns the number of rules.
func (rs *Rules) Len() int { return len(rs.rules) }

// IDs returns the rule IDs in file order.
func (rs *Rules) IDs() []string {
	ids := make([]string, len(rs.rules))
	for i, r := range rs.rules {
		ids[i] = r.id
	}
	return ids
}
