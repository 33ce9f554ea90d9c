#!/usr/bin/env bash
# Issue 4 "Performance": builds the reactor (tests not run) and runs GrpcSignLoad: a real Custos
# server on a loopback port, 16 gRPC/TLS clients signing single-input P2WPKH PSBTs for 20 s
# (after a 60 s warm-up), then raw libsecp256k1 ECDSA signing on one thread for comparison.
# Usage: custos-bench/run-grpc-load.sh [seconds] [clients] [warm-up seconds] [sign|health]   (see docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"
cd "$root"

out="$root/custos-bench/target"
./mvnw -q -B -pl custos-bench -am package -DskipTests

{
  echo "date: $(date -u +%FT%TZ), commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (+ uncommitted changes)'), args: ${*:-(defaults)}"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), java: $(env -u JDK_JAVA_OPTIONS "$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "JDK_JAVA_OPTIONS: ${JDK_JAVA_OPTIONS:-(none)}"
  # The store lives under java.io.tmpdir: time 200 synced 4 KiB writes there (what one commit waits for).
  sync_probe="$(mktemp "${TMPDIR:-/tmp}/custos-dsync-XXXXXX")"
  echo "synced 4 KiB write in \$TMPDIR: $(dd if=/dev/zero of="$sync_probe" bs=4k count=200 oflag=dsync 2>&1 | tail -1 | awk '{printf "%.3f ms each (200 in %s s)", $(NF-3) * 1000 / 200, $(NF-3)}')"
  rm -f "$sync_probe"
  echo "uptime before: $(uptime)"
} 2>&1 | tee "$out/grpc-load.log"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$out/classes:$(cat "$out/classpath.txt")" dev.custos.bench.GrpcSignLoad "$@" 2>&1 | tee -a "$out/grpc-load.log"
echo "uptime after: $(uptime)" | tee -a "$out/grpc-load.log"
