#!/usr/bin/env bash
# Runs every fuzz target of the module for a short time each (default 5s):
# `make test` uses it as a smoke pass, `make fuzz FUZZTIME=5m` for real runs.
# A crasher is kept by go test under the package's testdata/fuzz/.
set -euo pipefail
fuzztime=${1:-5s}
status=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "fuzz $pkg $target ($fuzztime)"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" >/tmp/scamhunt-fuzz.log 2>&1; then
      cat /tmp/scamhunt-fuzz.log
      status=1
    fi
  done
done
exit $status
