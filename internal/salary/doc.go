// Package salary structures the pay text of a part-time job ad ("150元/天",
// "3000-5000元/月", "日赚300+", "月入过万", "一单一结 5元") into a
// scamhunt.Salary: a range in yuan per period, the settlement rhythm and
// whether pay is negotiable. Extract fills Listing.Pay with it, classify
// compares pay to the going rate for the work, and index filters on it.
// Text the parser does not understand stays in Salary.Text only; the parser
// never guesses a figure.
package salary
