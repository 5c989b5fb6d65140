package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// Bounds of the linked-listings lookup for one pasted text.
const (
	linkedContacts   = 5  // contacts looked up
	linkedPerContact = 10 // listings per contact
	linkedMax        = 20 // listings in all
)

// checkResult is the answer to a pasted text; its JSON form is the body of
// POST /api/classify.
type checkResult struct {
	Verdict  scamhunt.Verdict   `json:"verdict"`
	Contacts []scamhunt.Contact `json:"contacts"`
	Linked   []scamhunt.Hit     `json:"linked"`
	// LinkedIncomplete says a lookup failed, so Linked may miss listings.
	LinkedIncomplete bool `json:"linked_incomplete,omitempty"`
	// Answer says how to read the result: "verdict" (the text judged as an
	// ad, explained in Assessment) or "lookup" (the text is only contacts:
	// Lookup says where the index has seen them, and Verdict, the text
	// judged as an ad, means nothing).
	Answer     string        `json:"answer"`
	Assessment *assessment   `json:"assessment,omitempty"`
	Lookup     *lookupResult `json:"lookup,omitempty"`
}

// bareSummary is the first line of the answer to a text with nothing to
// judge.
const bareSummary = "这段话里没有可以判断的内容。"

// Answers of a check.
const (
	answerVerdict = "verdict"
	answerLookup  = "lookup"
)

// inputError is a rejected paste: its status and a message in both
// languages.
type inputError struct {
	status int
	zh, en string
}

func (e *inputError) Error() string { return e.en }

func (s *Server) tooLarge() *inputError {
	return &inputError{http.StatusRequestEntityTooLarge,
		fmt.Sprintf("文本过长：最多 %d 字节。", s.maxCheck),
		fmt.Sprintf("text too large: at most %d bytes", s.maxCheck)}
}

// validText checks a paste once it is decoded.
func (s *Server) validText(text string) error {
	switch {
	case !utf8.ValidString(text):
		return &inputError{http.StatusBadRequest, "文本不是有效的 UTF-8 编码。", "text is not valid UTF-8"}
	case len(text) > s.maxCheck:
		return s.tooLarge()
	case strings.TrimSpace(text) == "":
		return &inputError{http.StatusBadRequest, "请粘贴招聘信息、聊天内容或联系方式。", "text is empty: paste an ad, a chat or a contact"}
	}
	return nil
}

// jsonCheckBytes bounds a JSON check body of text up to maxCheck bytes:
// \u escapes can make the JSON six times the text.
func jsonCheckBytes(maxCheck int) int { return 6*maxCheck + 4096 }

// readBody reads at most limit bytes of r's body, mapping an overflow to 413.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(limit)))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, s.tooLarge()
	}
	if err != nil {
		return nil, &inputError{http.StatusBadRequest, "无法读取请求。", "cannot read request body"}
	}
	return b, nil
}

// runCheck classifies text, looks up the indexed listings that share its
// contacts and answers as a verdict or, for a paste that is only contacts,
// as a lookup. Neither the text nor its contacts are logged: a failed
// lookup logs only the contact kind, as an error message may quote the
// query.
func (s *Server) runCheck(ctx context.Context, text string) checkResult {
	res := checkResult{Verdict: s.check.Check(text), Contacts: contact.Find(text), Linked: []scamhunt.Hit{}}
	if len(res.Contacts) == 0 {
		// A bare QQ number or WeChat ID is a contact only when typed alone.
		res.Contacts = contact.Query(text)
	}
	if res.Contacts == nil {
		res.Contacts = []scamhunt.Contact{}
	}
	if res.Verdict.Categories == nil {
		res.Verdict.Categories = []string{}
	}
	if res.Verdict.Reasons == nil {
		res.Verdict.Reasons = []scamhunt.Reason{}
	}
	seen := map[string]bool{}
	var looked []contactLookup
	for _, c := range res.Contacts {
		if len(looked) == linkedContacts {
			break
		}
		if slices.ContainsFunc(looked, func(l contactLookup) bool { return l.Value == c.Value }) {
			continue // a phone's WeChat alias finds the same listings
		}
		found, err := s.search.Search(ctx, scamhunt.Query{Contact: c.Value, Limit: linkedPerContact, Facets: true})
		if err != nil {
			res.LinkedIncomplete = true
			s.log.Warn("linked_search_failed", "contact_kind", string(c.Kind))
			looked = append(looked, contactLookup{Contact: c, Failed: true, Tone: toneUnknown,
				Headline: kindNoun(c.Kind) + "暂时查不到，请稍后再试"})
			continue
		}
		looked = append(looked, s.explain.newContactLookup(c, found))
		for _, h := range found.Hits {
			if !seen[h.ID] && len(res.Linked) < linkedMax {
				seen[h.ID] = true
				res.Linked = append(res.Linked, h)
			}
		}
	}
	if contactOnly(text, res.Contacts, res.Verdict.Reasons) {
		res.Answer, res.Lookup = answerLookup, s.explain.lookup(looked)
		return res
	}
	v := res.Verdict
	a := s.explain.assess(scamhunt.Listing{Body: text}, v.Label, v.Categories, v.Reasons, false)
	if ec, ok := s.check.(EvidenceChecker); ok && a.Tone == toneClear && !ec.HasEvidence(text) {
		a.Summary, a.Caveat = bareSummary, s.explain.Caveats.Bare
	}
	if thin, common := thinFlag(v.Reasons); a.Warns() && len(res.Contacts) == 0 && thin {
		// no scam's words were found: say "suspicious", not "scam", and
		// what the flag rests on (the verdict itself is unchanged)
		a.Tone, a.Caveat = toneSuspicious, s.explain.Caveats.Thin
		if common {
			a.Caveat = s.explain.Caveats.Common
		}
		a.Summary = s.explain.summary(a.Tone, v.Categories, shownTitles(a.Shown), false)
	}
	res.Answer, res.Assessment = answerVerdict, &a
	return res
}

// thinFlag reports whether every reason that pushes a verdict towards
// scam is the model's ("model.topic_money", "model.ngram") or a sign that
// honest ads share (a signal rule of weight below 1: 日结, 无需经验, 名额
// 有限, 正规平台), so that no rule named a scam's words; common, whether
// such a sign is among them. The model reads a short text that talks of
// money and of nothing else as a lure (in its training texts nearly every
// one is): it flags half of everyday talk about money ("秒杀过后原价多少钱")
// and a day labourer's ad that gives its pay and 日结 ("時薪20元以上,工資
// 日結"); the answer says what the flag rests on.
func thinFlag(rs []scamhunt.Reason) (thin, common bool) {
	for _, r := range rs {
		switch {
		case r.Weight <= 0 || strings.HasPrefix(r.Rule, "model."):
		case r.Category == signalCategory && r.Weight < 1:
			common = true
		default:
			return false, false
		}
	}
	return true, common
}

type checkPage struct {
	Text      string
	Max       int
	Result    *checkResult
	TextSpans []scamhunt.Span
	Tech      techView
	Linked    []hitView
	ErrZH     string
	ErrEN     string
}

func (s *Server) handleCheckForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "check", checkPage{Max: s.maxCheck})
}

func (s *Server) handleCheckPost(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	page := checkPage{Max: s.maxCheck}
	text, err := s.formText(w, r)
	if err == nil {
		err = s.validText(text)
	}
	if ie := (*inputError)(nil); errors.As(err, &ie) {
		page.ErrZH, page.ErrEN = ie.zh, ie.en
		if ie.status == http.StatusBadRequest && utf8.ValidString(text) {
			page.Text = text
		}
		s.render(w, ie.status, "check", page)
		return
	}
	res := s.runCheck(r.Context(), text)
	listing := scamhunt.Listing{Body: text}
	page.Text, page.Result = text, &res
	page.TextSpans = markedField(listing, res.Verdict.Reasons, "body")
	page.Tech = techView{Score: res.Verdict.Score, Reasons: s.explain.reasonViews(listing, res.Verdict.Reasons)}
	for _, h := range res.Linked {
		page.Linked = append(page.Linked, s.newHitView(h))
	}
	s.render(w, http.StatusOK, "check", page)
}

// formText reads the text field of the check form. Percent-encoding can
// triple a byte, so the body may be that much larger than the text.
func (s *Server) formText(w http.ResponseWriter, r *http.Request) (string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		return "", &inputError{http.StatusUnsupportedMediaType, "请使用网页表单提交。", "send the form as application/x-www-form-urlencoded"}
	}
	r.Body = http.MaxBytesReader(w, r.Body, int64(3*s.maxCheck+4096))
	if err := r.ParseForm(); err != nil {
		if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			return "", s.tooLarge()
		}
		return "", &inputError{http.StatusBadRequest, "表单无法解析。", "malformed form"}
	}
	return r.PostForm.Get("text"), nil
}

// handleAPIClassify answers POST /api/classify: a JSON body {"text": ...}
// or the text itself as text/plain.
func (s *Server) handleAPIClassify(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	text, err := s.apiText(w, r)
	if err == nil {
		err = s.validText(text)
	}
	if ie := (*inputError)(nil); errors.As(err, &ie) {
		writeJSON(w, ie.status, apiError{Error: ie.en, ErrorZH: ie.zh})
		return
	}
	writeJSON(w, http.StatusOK, s.runCheck(r.Context(), text))
}

func (s *Server) apiText(w http.ResponseWriter, r *http.Request) (string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/plain":
		b, err := s.readBody(w, r, s.maxCheck)
		return string(b), err
	case "application/json":
		b, err := s.readBody(w, r, jsonCheckBytes(s.maxCheck))
		if err != nil {
			return "", err
		}
		if !utf8.Valid(b) {
			return "", &inputError{http.StatusBadRequest, "文本不是有效的 UTF-8 编码。", "body is not valid UTF-8"}
		}
		var body struct {
			Text string `json:"text"`
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil || dec.More() {
			return "", &inputError{http.StatusBadRequest, `请求体应为 {"text": "..."}。`, `body must be JSON {"text": "..."}`}
		}
		return body.Text, nil
	}
	return "", &inputError{http.StatusUnsupportedMediaType, "请以 JSON 或纯文本发送。", "send application/json or text/plain"}
}
