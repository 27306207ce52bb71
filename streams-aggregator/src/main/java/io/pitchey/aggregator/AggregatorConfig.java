package io.pitchey.aggregator;

import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the aggregator reads at start-up, validated once.
 *
 * @param applicationId Kafka Streams application id (and consumer group)
 * @param sinkGroup the sink's consumer group; its offsets live in the database
 * @param stateDir where Streams keeps its local state stores
 * @param partitions partitions of the pipeline topics when this process creates them
 * @param replication replication factor of topics this process creates
 */
public record AggregatorConfig(
    KafkaSettings kafka,
    DatabaseSettings db,
    WindowSettings windows,
    String applicationId,
    String sinkGroup,
    Path stateDir,
    int partitions,
    short replication,
    int httpPort) {

  /** The aggregator's own defaults, beneath file, environment and flags. */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "http.port", 7071,
          "aggregator.window-size", "1m",
          "aggregator.grace", "30s",
          "aggregator.provisional-interval", "5s",
          "aggregator.application-id", "pitchey-aggregator",
          "aggregator.sink-group", "pitchey-window-sink",
          "aggregator.state-dir", System.getProperty("java.io.tmpdir") + "/pitchey-streams",
          "kafka.partitions", 6,
          "kafka.replication", 1);

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
        settings.integer("kafka.partitions", 1, 1024),
        (short) settings.integer("kafka.replication", 1, 16),
        settings.port("http.port"));
  }
}
