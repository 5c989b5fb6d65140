package classify

import (
	"encoding/json"
	"fmt"
	"testing"
)

// FuzzModelArrays holds the model file's number-array readers to
// encoding/json: whatever JSON it decodes into the plain slices they
// decode alike, and what it refuses they refuse.
func FuzzModelArrays(f *testing.F) {
	for _, s := range []string{`[0.5,-1.25e-3,3]`, ` [ 1 , 2 ] `, `[]`, `null`, `[1,]`, `["1"]`, `[1e39]`, `[-0]`, `[4294967295, 4294967296]`,
		`[[0.1,0.2],[3],null,[]]`, `[[1],2]`, `[["]"]]`, `[0x10]`, `[NaN]`, `[1.5]`, `{"a":1}`, `[null]`, `[1,null,2]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		same := func(name string, plain any, plainErr error, ours any, oursErr error) {
			if (plainErr == nil) != (oursErr == nil) {
				t.Fatalf("%s %q: encoding/json error %v, ours %v", name, s, plainErr, oursErr)
			}
			if plainErr == nil && fmt.Sprint(plain) != fmt.Sprint(ours) {
				t.Fatalf("%s %q: encoding/json %v, ours %v", name, s, plain, ours)
			}
		}
		var pf []float32
		var of float32s
		e1, e2 := json.Unmarshal([]byte(s), &pf), json.Unmarshal([]byte(s), &of)
		same("[]float32", pf, e1, []float32(of), e2)
		var pu []uint32
		var ou uint32s
		e1, e2 = json.Unmarshal([]byte(s), &pu), json.Unmarshal([]byte(s), &ou)
		same("[]uint32", pu, e1, []uint32(ou), e2)
		var pr [][]float32
		var or float32Rows
		e1, e2 = json.Unmarshal([]byte(s), &pr), json.Unmarshal([]byte(s), &or)
		same("[][]float32", pr, e1, or, e2)
	})
}
