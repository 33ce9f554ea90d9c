#!/usr/bin/env bash
# Issue 4 "Performance": builds the reactor (tests not run) and runs GrpcSignLoad: a real Custos
# server on a loopback port, 16 gRPC/TLS clients signing single-input P2WPKH PSBTs for 20 s
# (after a 15 s warm-up), then raw libsecp256k1 ECDSA signing on one thread for comparison.
# Usage: custos-bench/run-grpc-load.sh [seconds] [clients] [warm-up seconds]   (see docs/benchmarks.md)
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
  -cp "$out/classes:$(cat "$out/classpath.txt")" dev.custos.bench.GrpcSignLoad "$@" 2>&1 | tee "$out/grpc-load.log"
echo "uptime after: $(uptime)" >&2
