#!/usr/bin/env bash
# Builds custos-core and the JMH benchmarks (tests compiled, not run) and runs every benchmark
# with short settings: 5 warm-up and 10 measured iterations of 1 s, 1 fork each (about 2 minutes
# on 2 cores). Results: custos-bench/target/jmh-result.json (JMH JSON) and jmh-run.log (console).
# Usage: custos-bench/run.sh [extra JMH args], e.g. custos-bench/run.sh PsbtSignBench -i 20
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
custos_find_jdk
export JAVA_HOME="$CUSTOS_JAVA_HOME"
cd "$root"

out="$root/custos-bench/target"
./mvnw -q -B -pl custos-bench -am package -DskipTests

"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$out/classes:$(cat "$out/classpath.txt")" org.openjdk.jmh.Main \
  -wi 5 -w 1s -i 10 -r 1s -f 1 -foe true \
  -rf json -rff "$out/jmh-result.json" "$@" 2>&1 | tee "$out/jmh-run.log"
