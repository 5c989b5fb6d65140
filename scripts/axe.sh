#!/usr/bin/env bash
# Installs axe-core, the accessibility rules the browser test (e2e/a11y_test.go)
# runs inside Chromium, from the npm registry at the version pinned by
# e2e/testdata/axe/package-lock.json. Without npm it says so and stops: the
# accessibility test then skips outside CI and fails inside it (CI=true),
# where .ci/run makes sure npm is there.
set -euo pipefail
cd "$(dirname "$0")/../e2e/testdata/axe"
want=$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' package.json)
if [ -f node_modules/axe-core/axe.min.js ] && grep -q "\"version\": \"$want\"" node_modules/axe-core/package.json; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "axe: npm not installed; the accessibility test will skip (CI installs it)" >&2
  exit 0
fi
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
