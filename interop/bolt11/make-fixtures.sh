#!/usr/bin/env bash
# Regenerates the BOLT 11 fixtures with the bolt11 npm package (see make-fixtures.mjs and the
# SOURCE.md next to the output). Needs node >= 20.19 and npm (the npm registry on first run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../custos-core/src/test/resources/vectors/bolt11/npm-bolt11-fixtures.json"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node "$here/make-fixtures.mjs" >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
