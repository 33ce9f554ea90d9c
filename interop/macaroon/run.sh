#!/usr/bin/env bash
# Interoperability test: third-party caveats and bound discharges made by `custos macaroon
# constrain|discharge` are verified by js-macaroon (go-macaroon's JavaScript port), and
# discharges js-macaroon makes for caveats Custos added are accepted by js-macaroon's verifier.
# Usage: interop/macaroon/run.sh   (needs node >= 20.19 and npm; the npm registry on first run)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/../.." && pwd))"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

CUSTOS="$root/custos" INTEROP_WORK="$work" node "$here/interop.mjs"
