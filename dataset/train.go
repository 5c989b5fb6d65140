package dataset

import (
	"io"

	"github.com/scamhunt/scamhunt"
)

// trainLine is one row of FormatTrain: the labelled JSONL that `scamhunt
// train` and `scamhunt eval` read (classify's input with a label).
type trainLine struct {
	ID       string             `json:"id"`
	Title    string             `json:"title"`
	Body     string             `json:"body"`
	Salary   string             `json:"salary,omitempty"`
	Company  string             `json:"company,omitempty"`
	Contacts []scamhunt.Contact `json:"contacts,omitempty"`
	City     string             `json:"city,omitempty"`
	URL      string             `json:"url,omitempty"`
	Label    scamhunt.Label     `json:"label"`
	Category string             `json:"category,omitempty"`
}

// trainable says whether a row belongs in FormatTrain: a person labelled it
// scam or legit (suspicious teaches the model nothing).
func trainable(r Row) bool {
	return r.HumanLabel == scamhunt.LabelScam || r.HumanLabel == scamhunt.LabelLegit
}

// trainEncoder writes JSONL as jsonlEncoder does, training lines for rows.
type trainEncoder struct{ *jsonlEncoder }

func newTrainEncoder(w io.Writer) trainEncoder { return trainEncoder{newJSONLEncoder(w)} }

// Write writes the row as a training line: its human label, and for a scam
// the first scam type the classifier found.
func (e trainEncoder) Write(r Row) error {
	l := trainLine{ID: r.ID, Title: r.Title, Body: r.Body, Salary: r.SalaryText, Company: r.Company,
		Contacts: r.Contacts, City: r.City, URL: r.URL, Label: r.HumanLabel}
	if l.Label == scamhunt.LabelScam && len(r.Categories) > 0 {
		l.Category = r.Categories[0]
	}
	return e.enc.Encode(l)
}
