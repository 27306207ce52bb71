package io.pitchey.aggregator;

import io.pitchey.ingest.topic.TopicsConfig;
import java.time.Duration;

/** Streams settings for tests (contracts §9): a killed member costs seconds, not 45 s. */
final class TestTuning {
  static final StreamsTuning FAST =
      new StreamsTuning(1, Duration.ofSeconds(6), Duration.ofMillis(100));

  /**
   * The pipeline topics as every test of this module creates them. The topic names are fixed and
   * the broker is shared by the test JVM, and {@code TopicSetup} refuses an existing topic with
   * other partitions, so all tests must agree; four partitions let {@link AggregatorScaleOutTest}
   * spread the work over two instances.
   */
  static final TopicsConfig TOPICS = TopicsConfig.of(4, (short) 1);

  private TestTuning() {}
}
