package io.pitchey.aggregator;

import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.config.Settings;
import io.pitchey.ingest.topic.TopicsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the aggregator reads at start-up, validated once.
 *
 * @param applicationId Kafka Streams application id (and consumer group)
 * @param sinkGroup the sink's consumer group; its offsets live in the database
 * @param stateDir where Streams keeps its local state stores
 * @param topics partitions, replication and retention of the pipeline topics this process creates,
 *     and the replication of Streams' own topics
 * @param tuning threads, group session and commit interval
 */
public record AggregatorConfig(
    KafkaSettings kafka,
    DatabaseSettings db,
    WindowSettings windows,
    String applicationId,
    String sinkGroup,
    Path stateDir,
    TopicsConfig topics,
    StreamsTuning tuning,
    int httpPort) {

  /** The aggregator's own defaults, beneath file, environment and flags. */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "http.port", 7071,
          "aggregator.window-size", "1m",
          "aggregator.grace", "30s",
          "aggregator.provisional-interval", "5s",
          "aggregator.stream-threads", StreamsTuning.DEFAULT.streamThreads(),
          "aggregator.session-timeout", "45s",
          "aggregator.commit-interval", "100ms",
          "aggregator.application-id", "pitchey-aggregator",
          "aggregator.sink-group", "pitchey-window-sink",
          "aggregator.state-dir", System.getProperty("java.io.tmpdir") + "/pitchey-streams");

  public static AggregatorConfig from(Settings settings) {
    WindowSettings windows;
    try {
      windows =
          new WindowSettings(
              settings.duration("aggregator.window-size", Duration.ofSeconds(1)),
              settings.duration("aggregator.grace", Duration.ZERO),
              settings.duration("aggregator.provisional-interval", Duration.ofMillis(100)));
    } catch (IllegalArgumentException e) {
      throw settings.invalid("aggregator.window-size", e.getMessage());
    }
    return new AggregatorConfig(
        KafkaSettings.from(settings),
        DatabaseSettings.from(settings),
        windows,
        settings.string("aggregator.application-id"),
        settings.string("aggregator.sink-group"),
        Path.of(settings.string("aggregator.state-dir")),
        TopicsConfig.from(settings),
        tuning(settings),
        settings.port("http.port"));
  }

  private static StreamsTuning tuning(Settings settings) {
    int threads = settings.integer("aggregator.stream-threads", 1, 64);
    Duration session = settings.duration("aggregator.session-timeout", Duration.ofSeconds(6));
    Duration commit = settings.duration("aggregator.commit-interval", Duration.ofMillis(10));
    if (session.compareTo(Duration.ofMinutes(30)) > 0) {
      throw settings.invalid(
          "aggregator.session-timeout", "must be at most 30m (the broker's limit), was " + session);
    }
    return new StreamsTuning(threads, session, commit);
  }
}
