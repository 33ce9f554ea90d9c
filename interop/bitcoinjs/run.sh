#!/usr/bin/env bash
# Interoperability test: PSBTs built by bitcoinjs-lib for Custos's descriptors are signed by
# `custos psbt sign`, and bitcoinjs-lib verifies, finalizes and extracts the result.
# Usage: interop/bitcoinjs/run.sh   (needs node >= 20.19 and npm; the npm registry on first run)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/../.." && pwd))"
custos="$root/custos"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# BIP39 test mnemonic (all-zero entropy): a public, well-known seed. Never use it for real funds.
printf '%s\n' "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about" \
  >"$work/mnemonic.txt"
export CUSTOS_INTEROP_PW="interop-pass-1234"

if ! "$custos" init --data-dir "$work/data" --network regtest --passphrase-env CUSTOS_INTEROP_PW \
  --kdf-profile test --mnemonic-file "$work/mnemonic.txt" >"$work/init.out" 2>"$work/init.err"; then
  cat "$work/init.out" "$work/init.err" >&2
  echo "custos init failed" >&2
  exit 1
fi
# Nothing is signed without a policy: apply a permissive one (this test is about signatures).
cat >"$work/policy.yaml" <<'POLICY'
version: 1
limits:
  max-per-transaction: 1 BTC
  velocity:
    - {window: 24h, per: wallet, max-amount: 10 BTC}
outputs:
  allow-unknown-scripts: false
POLICY
if ! "$custos" policy apply --data-dir "$work/data" --file "$work/policy.yaml" >"$work/policy.out" 2>&1; then
  cat "$work/policy.out" >&2
  echo "custos policy apply failed" >&2
  exit 1
fi
"$custos" descriptors --data-dir "$work/data" --json >"$work/descriptors.json"

CUSTOS="$custos" \
  CUSTOS_DATA_DIR="$work/data" \
  CUSTOS_PASSPHRASE_ENV=CUSTOS_INTEROP_PW \
  CUSTOS_DESCRIPTORS="$work/descriptors.json" \
  CUSTOS_MNEMONIC_FILE="$work/mnemonic.txt" \
  INTEROP_WORK="$work" \
  node "$here/interop.mjs"
