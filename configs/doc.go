// Package configs holds the files scamhunt ships with: site profiles
// (sites/*.yaml), the classifier's rules (rules.yaml) and trained model
// (model.json), and what the public pages say about each reason in plain
// Chinese (explain.yaml). They are embedded in the binary so it runs
// anywhere; an operator can override the first three with a file of their
// own. cmd/ decodes them, except explain.yaml, which package web decodes
// itself: this package just carries the bytes.
package configs
