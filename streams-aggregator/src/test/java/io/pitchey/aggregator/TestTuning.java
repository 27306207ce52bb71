package io.pitchey.aggregator;

import java.time.Duration;

/** Streams settings for tests (contracts §9): a killed member costs seconds, not 45 s. */
final class TestTuning {
  static final StreamsTuning FAST =
      new StreamsTuning(1, Duration.ofSeconds(6), Duration.ofMillis(100));

  private TestTuning() {}
}
