#!/usr/bin/env bash
# Interoperability test: invoices signed by the bolt11 npm package, and the BOLT 11 examples, are
# decoded by bolt11 and by Custos and compared field by field. Regenerates the fixtures with the
# pinned package into a temporary file, requires them to equal the committed ones, then runs the
# JUnit test Bolt11FixtureTest on the fresh file (CUSTOS_BOLT11_FIXTURES).
# Usage: interop/bolt11/run.sh   (needs node >= 20.19, npm and JDK 25; the npm registry on first run)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/../.." && pwd))"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$here/make-fixtures.mjs" >"$work/fixtures.json"
committed="$root/custos-core/src/test/resources/vectors/bolt11/npm-bolt11-fixtures.json"
if ! cmp -s "$work/fixtures.json" "$committed"; then
  diff "$committed" "$work/fixtures.json" | head -n 40 >&2
  echo "bolt11 fixtures differ from $committed (rerun interop/bolt11/make-fixtures.sh and review)" >&2
  exit 1
fi

cd "$root"
CUSTOS_BOLT11_FIXTURES="$work/fixtures.json" ./mvnw -B -q -pl custos-core -am test \
  -Dtest=Bolt11FixtureTest -Dsurefire.failIfNoSpecifiedTests=false
report="custos-core/target/surefire-reports/TEST-dev.custos.core.ln.invoice.Bolt11FixtureTest.xml"
if ! grep -q 'failures="0"' "$report" || ! grep -q 'errors="0"' "$report" || grep -q 'tests="0"' "$report"; then
  echo "Bolt11FixtureTest failed or ran nothing (see $report)" >&2
  exit 1
fi
echo "BOLT 11 interop with the bolt11 npm package: OK"
