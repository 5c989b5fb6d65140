package scamhunt

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// Page is one fetched document, decoded to UTF-8. The crawler produces it and
// never parses listings out of it; extract does that.
type Page struct {
	URL       string      `json:"url"`    // final URL after redirects, canonical form
	Site      string      `json:"site"`   // site profile name
	Status    int         `json:"status"` // HTTP status code
	Header    http.Header `json:"header,omitempty"`
	Body      []byte      `json:"-"`       // decoded to UTF-8
	Charset   string      `json:"charset"` // charset the body was decoded from
	FetchedAt time.Time   `json:"fetched_at"`
	Hash      string      `json:"hash"` // ContentHash of Body
	Depth     int         `json:"depth"`
	Unchanged bool        `json:"unchanged,omitempty"` // a recrawl found the same content (304 or same hash)
}

// ContentHash is the hex SHA-256 of b; pages and exports use it to tell
// changed content from unchanged.
func ContentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ContactKind says what a Contact's value is.
type ContactKind string

// The contact kinds; their canonical forms are documented on Contact.
const (
	ContactPhone    ContactKind = "phone"
	ContactQQ       ContactKind = "qq"
	ContactWeChat   ContactKind = "wechat"
	ContactEmail    ContactKind = "email"
	ContactURL      ContactKind = "url"
	ContactTelegram ContactKind = "telegram"
)

// Contact is one way to reach the poster of an ad. Value is canonical so the
// same contact written differently compares equal: phones in E.164
// (+8613812345678), QQ numbers as digits, WeChat IDs, e-mail and Telegram
// handles lower-case. Raw is the text as found, kept as evidence.
type Contact struct {
	Kind  ContactKind `json:"kind"`
	Value string      `json:"value"`
	Raw   string      `json:"raw"`
}

// Key is the contact's identity across listings: kind and canonical value.
func (c Contact) Key() string { return string(c.Kind) + ":" + c.Value }

// Salary is pay as structured from an ad's salary text. Min and Max are in
// yuan per Period; zero means not stated. Text keeps the original words.
type Salary struct {
	Min        float64 `json:"min,omitempty"`
	Max        float64 `json:"max,omitempty"`
	Unit       string  `json:"unit,omitempty"`       // 元
	Period     string  `json:"period,omitempty"`     // hour, day, week, month, piece, order
	Settlement string  `json:"settlement,omitempty"` // 日结, 周结, 月结, 完工结
	Negotiable bool    `json:"negotiable,omitempty"`
	Text       string  `json:"text"`
}

// Listing is one job ad as extracted from a detail page (or, marked Partial,
// from a row of an index page).
type Listing struct {
	ID            string    `json:"id"`
	Site          string    `json:"site,omitempty"`
	URL           string    `json:"url,omitempty"`
	City          string    `json:"city,omitempty"`
	Category      string    `json:"category,omitempty"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`
	SalaryText    string    `json:"salary,omitempty"`
	Pay           *Salary   `json:"pay,omitempty"`
	Company       string    `json:"company,omitempty"`
	ContactPerson string    `json:"contact_person,omitempty"`
	Contacts      []Contact `json:"contacts,omitempty"`
	Location      string    `json:"location,omitempty"`
	Headcount     int       `json:"headcount,omitempty"`
	PostedAt      time.Time `json:"posted_at,omitzero"`
	FetchedAt     time.Time `json:"fetched_at,omitzero"`
	Partial       bool      `json:"partial,omitempty"`
	// Methods says, per field name, how the extractor found it
	// ("profile", "table", "dl", "label", "meta" ...), for debugging profiles.
	Methods map[string]string `json:"methods,omitempty"`
}

// ListingID derives a listing's stable ID from its canonical URL, so the same
// ad crawled twice is indexed once.
func ListingID(canonicalURL string) string {
	s := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(s[:8])
}
