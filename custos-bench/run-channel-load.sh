#!/usr/bin/env bash
# Issue 7 "Performance": builds the reactor (tests not run) and runs ChannelUpdateLoad: durable
# Lightning channel updates (10 HTLCs) through the service's ChannelSigner on SQLite.
# Usage: custos-bench/run-channel-load.sh [updates] [channels]   (see docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"
cd "$root"

out="$root/custos-bench/target"
./mvnw -q -B -pl custos-bench -am package -DskipTests

echo "uptime before: $(uptime)" >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$out/classes:$(cat "$out/classpath.txt")" dev.custos.bench.ChannelUpdateLoad "$@" 2>&1 | tee "$out/channel-load.log"
echo "uptime after: $(uptime)" >&2
