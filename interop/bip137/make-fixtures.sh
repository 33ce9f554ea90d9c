#!/usr/bin/env bash
# Regenerates the BIP-137 fixtures with bitcoinjs-message (see make-fixtures.mjs and the
# SOURCE.md next to the output). Needs node >= 20.19 and npm (the npm registry on first run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../custos-core/src/test/resources/vectors/bip137/bitcoinjs-message-fixtures.json"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node "$here/make-fixtures.mjs" >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
