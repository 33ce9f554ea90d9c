#!/usr/bin/env bash
# Interoperability test: a 2-of-3 FROST key generated and used jointly by Custos (participants 1
# and 3) and @noble/curves schnorr_FROST (participant 2, in node). Runs the JUnit test
# NobleFrostInteropTest with CUSTOS_FROST_PEER pointing at peer.mjs.
# Usage: interop/frost/run.sh   (needs node >= 20.19, npm and JDK 25; the npm registry on first run)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/../.." && pwd))"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

cd "$root"
CUSTOS_FROST_PEER="$here/peer.mjs" ./mvnw -B -q -pl custos-core test \
  -Dtest=NobleFrostInteropTest -Dsurefire.failIfNoSpecifiedTests=false
report="custos-core/target/surefire-reports/TEST-dev.custos.core.frost.NobleFrostInteropTest.xml"
if ! grep -q 'tests="3"[^>]*skipped="0"' "$report"; then
  echo "NobleFrostInteropTest did not run all its tests (see $report)" >&2
  exit 1
fi
echo "FROST interop with @noble/curves schnorr_FROST: OK"
