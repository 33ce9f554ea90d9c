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

# Everything needed to compare runs goes to the log: machine, load before and after, the durable
# and in-memory figures, and the raw libsecp256k1 baseline measured in the same run.
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  args: ${*:-(defaults)}"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')  java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "uptime before: $(uptime)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "$out/classes:$(cat "$out/classpath.txt")" dev.custos.bench.ChannelUpdateLoad "$@" 2>&1
  echo "uptime after: $(uptime)"
} | tee "$out/channel-load.log"
