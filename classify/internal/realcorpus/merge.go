package realcorpus

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// Denied are sources the corpus must not take from, as substrings of the
// source field: the evaluation data of REAL_DATA_SOURCES.md §3 and the
// generated, augmented or spun sources of §4.
var Denied = []string{
	// §3: evaluation data.
	"FBS_SMS_Dataset", "SpamMessageProcessing", "Spam-Message-Classifier", "freekatz/ORFD", "/ORFD",
	"Telecom_Fraud_Texts", "ChiFraud", "Fraud-R1", "miduoduo",
	// §4: generated or augmented sets, content farms, spun mirrors.
	"data_enhance", "FGRC-SCD", "Scammer-Conversation",
	"09mi.com", "08gf.com", "ju62.com", "021zd.cn", "mypuduo.com", "rluk.cn", "rluj.cn", "rlut.cn",
	"bkwk.cn", "weitishi.com", "fdxww.com", "5115333.com", "s816.com", "wanduanxian.com", "51yue.net",
	"zhaozt.com", "xgupiao.com",
}

// DeniedSource returns the entry of Denied that source contains (ignoring
// case), or "".
func DeniedSource(source string) string {
	for _, d := range Denied {
		if strings.Contains(strings.ToLower(source), strings.ToLower(d)) {
			return d
		}
	}
	return ""
}

// Drop is a record left out, and why.
type Drop struct {
	Line
	Why string
}

// Result is what Merge made of its inputs.
type Result struct {
	Records []Record // sorted by label, then id
	Dropped []Drop
	Read    map[string]int // records read per file
	Kept    map[string]int // records kept per file
}

// Merge joins the records of several files into one corpus: records the
// sealed check lists (sealed[file][line]), records from Denied sources and
// records failing Check are dropped, and of several records with the same
// Key only the first is kept (files in the order given). A record without
// a kind gets kinds[id], or for an honest text the kind its category
// names. IDs must be unique among the records kept.
func Merge(files [][]Line, sealed map[string]map[int]bool, kinds map[string]string) Result {
	res := Result{Read: map[string]int{}, Kept: map[string]int{}}
	seen := map[string]Line{}
	ids := map[string]bool{}
	for _, lines := range files {
		for _, l := range lines {
			res.Read[l.File]++
			drop := func(why string) { res.Dropped = append(res.Dropped, Drop{l, why}) }
			if sealed[l.File][l.N] {
				drop("listed by the sealed-overlap check")
				continue
			}
			if d := DeniedSource(l.Source); d != "" {
				drop("source " + d + " is evaluation data or generated (REAL_DATA_SOURCES.md §3, §4)")
				continue
			}
			if l.Kind == "" {
				l.Kind = cmp.Or(kinds[l.ID], honestKind(l.Record))
			}
			if err := l.Check(); err != nil {
				drop(err.Error())
				continue
			}
			k := l.Key()
			if first, ok := seen[k]; ok {
				why := fmt.Sprintf("same text as %s:%d (%s)", first.File, first.N, first.ID)
				if first.Label != l.Label {
					why += ", which is labelled " + first.Label
				}
				drop(why)
				continue
			}
			if ids[l.ID] {
				drop("id " + l.ID + " already taken by another text")
				continue
			}
			seen[k], ids[l.ID] = l, true
			res.Records = append(res.Records, l.Record)
			res.Kept[l.File]++
		}
	}
	slices.SortFunc(res.Records, func(a, b Record) int {
		return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
	})
	return res
}

// honestKind is the kind an honest text's category implies: a job ad for
// honest_ad, else the category itself (warning, message, news).
func honestKind(r Record) string {
	if r.Label != "legit" {
		return ""
	}
	if r.Category == "honest_ad" {
		return "ad"
	}
	if slices.Contains(HonestKinds, r.Category) {
		return r.Category
	}
	return ""
}

// Sealed runs the sealed-overlap script (python3 SCRIPT FILE...) and
// returns the lines it lists, by file. The script exits 1 when it lists
// any; another failure is an error.
func Sealed(ctx context.Context, script string, files ...string) (map[string]map[int]bool, error) {
	cmd := exec.CommandContext(ctx, "python3", append([]string{script}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("sealed-overlap check: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	listed, err := ParseSealed(bytes.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("sealed-overlap check: %w", err)
	}
	if exit != nil && len(listed) == 0 {
		return nil, fmt.Errorf("sealed-overlap check failed listing nothing: %s", strings.TrimSpace(stderr.String()))
	}
	return listed, nil
}

// ParseSealed reads the script's output: FILE<TAB>LINE<TAB>ID a line.
func ParseSealed(r io.Reader) (map[string]map[int]bool, error) {
	listed := map[string]map[int]bool{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 2 {
			return nil, fmt.Errorf("unexpected output line %q", sc.Text())
		}
		n, err := strconv.Atoi(parts[1])
		if err != nil {
			return nil, fmt.Errorf("unexpected output line %q", sc.Text())
		}
		if listed[parts[0]] == nil {
			listed[parts[0]] = map[int]bool{}
		}
		listed[parts[0]][n] = true
	}
	return listed, sc.Err()
}

// ReadKinds reads a kinds table: "ID<TAB>KIND" a line. It gives the kind
// of records whose source file lacks one (the shared dev files).
func ReadKinds(r io.Reader) (map[string]string, error) { return readTable(r, "kinds", "KIND") }

// ReadContext reads the context table: "ID<TAB>WHY" a line. It names the
// scam texts annotated as context lines (a line of a scam conversation
// that carries no scam element on its own) and the reason, and is the one
// place that annotation is kept.
func ReadContext(r io.Reader) (map[string]string, error) { return readTable(r, "context", "WHY") }

// ReadTableFile reads the table at path with read (ReadKinds or
// ReadContext).
func ReadTableFile(path string, read func(io.Reader) (map[string]string, error)) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f)
}

// readTable reads "ID<TAB>VALUE" lines, # comments and blank lines
// skipped; a line without an id or a value, or an id listed twice, is an
// error naming the table (what) and the line.
func readTable(r io.Reader, what, value string) (map[string]string, error) {
	table := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, v, ok := strings.Cut(line, "\t")
		id, v = strings.TrimSpace(id), strings.TrimSpace(v)
		if !ok || id == "" || v == "" {
			return nil, fmt.Errorf("%s line %d: want ID<TAB>%s", what, n, value)
		}
		if _, dup := table[id]; dup {
			return nil, fmt.Errorf("%s line %d: %s listed twice", what, n, id)
		}
		table[id] = v
	}
	return table, sc.Err()
}

// MarkContext sets Context on the records the context table lists. Every
// id listed must be a scam record: a context line of an honest text, or an
// id no record has, is an error (a table left behind by a rebuild).
func MarkContext(recs []Record, ctx map[string]string) error {
	found := map[string]bool{}
	for i := range recs {
		if _, ok := ctx[recs[i].ID]; !ok {
			continue
		}
		if recs[i].Label != "scam" {
			return fmt.Errorf("context table lists %s, a %s text: only scam texts are context lines", recs[i].ID, recs[i].Label)
		}
		recs[i].Context = true
		found[recs[i].ID] = true
	}
	var missing []string
	for id := range ctx {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("context table lists ids no record has: %s", strings.Join(missing, ", "))
	}
	return nil
}
