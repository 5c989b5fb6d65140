// Package configs holds the files scamhunt ships with: site profiles
// (sites/*.yaml), the classifier's rules (rules.yaml) and trained model
// (model.json). They are embedded in the binary so it runs anywhere; an
// operator can override each with a file of their own. Only cmd/ decodes
// them: this package just carries the bytes.
package configs
