#!/usr/bin/env bash
# The serving benchmark (see bench/README.md): baseline vs cached vs uncached vs search, publishing
# on vs off, at 100 and 1000 connections, in one run. Writes bench/results/serving-<time>.md.
#   bench/serving.sh [seconds-per-scenario] [connections,...]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install wrk" >&2; exit 2; }
java_home="$(./pitchey java-home)"
"$java_home/bin/java" -version 2>&1 | head -1
JAVA_HOME="$java_home" ./mvnw -B -q -pl benchmarks -am install -DskipTests
# wrk opens one socket per connection, the server one more
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export PITCHEY_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec "$java_home/bin/java" -Xmx4g --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  io.pitchey.bench.serving.ServingComparison "${1:-10}" "${2:-100,1000}" bench/results
