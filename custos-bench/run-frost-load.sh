#!/usr/bin/env bash
# Issue 6 "Performance": builds the reactor (tests not run) and runs FrostCosignLoad: three FROST
# cosigner servers on loopback (pinned mutual TLS, SQLite each) and the coordinator, N sequential
# 2-of-3 signing sessions after 30 warm-up ones.
# Usage: custos-bench/run-frost-load.sh [signatures]   (see docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"
cd "$root"

out="$root/custos-bench/target"
./mvnw -o -q -B -pl custos-bench -am package -DskipTests

echo "uptime before: $(uptime)" >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$out/classes:$(cat "$out/classpath.txt")" dev.custos.bench.FrostCosignLoad "$@" 2>&1 | tee "$out/frost-load.log"
echo "uptime after: $(uptime)" >&2
