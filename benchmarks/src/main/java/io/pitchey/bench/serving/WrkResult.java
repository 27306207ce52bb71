package io.pitchey.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;

/** One wrk run's figures, as {@code bench/wrk/paths.lua} prints them. Latencies in microseconds. */
record WrkResult(
    long requests,
    long durationMicros,
    long bytes,
    long errors,
    long p50,
    long p90,
    long p99,
    long p999,
    long max) {

  static WrkResult of(JsonNode json) {
    long errors =
        json.get("connect_errors").asLong()
            + json.get("read_errors").asLong()
            + json.get("write_errors").asLong()
            + json.get("status_errors").asLong()
            + json.get("timeouts").asLong();
    return new WrkResult(
        json.get("requests").asLong(),
        json.get("duration_us").asLong(),
        json.get("bytes").asLong(),
        errors,
        json.get("p50_us").asLong(),
        json.get("p90_us").asLong(),
        json.get("p99_us").asLong(),
        json.get("p999_us").asLong(),
        json.get("max_us").asLong());
  }

  double requestsPerSecond() {
    return requests * 1e6 / durationMicros;
  }
}
