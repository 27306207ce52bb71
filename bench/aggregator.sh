#!/usr/bin/env bash
# The aggregator benchmark (see benchmarks/README.md): N events produced first, then the aggregator
# alone from its start to the last final row in PostgreSQL; accuracy and state size afterwards.
# Writes bench/results/aggregator-<time>.md.
#   bench/aggregator.sh [events=5000000] [batch=100] [partitions=6] [stream-threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
java_home="$(./pitchey java-home)"
JAVA_HOME="$java_home" ./mvnw -B -q -pl benchmarks -am install -DskipTests
export PITCHEY_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec "$java_home/bin/java" -Xmx6g --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  io.pitchey.bench.aggregator.AggregatorBenchmark "${1:-5000000}" "${2:-100}" "${3:-6}" "${4:-2}" bench/results
