package io.pitchey.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to start an {@link EmbeddedKafka}. Immutable; start from {@link #defaults()} and use the
 * {@code with*} methods.
 *
 * @param port the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param dataDirectory where logs and metadata live; kept on close. {@code null}: a temporary
 *     directory, deleted on close
 * @param startTimeout bound on start-up (formatting, broker start, first answered describeCluster)
 * @param stopTimeout bound on a clean broker shutdown
 * @param brokerProperties extra broker settings; they override the single-node defaults
 */
public record KafkaOptions(
    int port,
    @Nullable Path dataDirectory,
    Duration startTimeout,
    Duration stopTimeout,
    Map<String, String> brokerProperties) {

  public KafkaOptions {
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    brokerProperties = Map.copyOf(brokerProperties);
  }

  /** Free port, temporary data, 60 s to start, 30 s to stop. */
  public static KafkaOptions defaults() {
    return new KafkaOptions(0, null, Duration.ofSeconds(60), Duration.ofSeconds(30), Map.of());
  }

  public KafkaOptions withPort(int newPort) {
    return new KafkaOptions(newPort, dataDirectory, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaOptions withDataDirectory(@Nullable Path newDataDirectory) {
    return new KafkaOptions(port, newDataDirectory, startTimeout, stopTimeout, brokerProperties);
  }

  public KafkaOptions withStartTimeout(Duration newStartTimeout) {
    return new KafkaOptions(port, dataDirectory, newStartTimeout, stopTimeout, brokerProperties);
  }

  public KafkaOptions withStopTimeout(Duration newStopTimeout) {
    return new KafkaOptions(port, dataDirectory, startTimeout, newStopTimeout, brokerProperties);
  }

  public KafkaOptions withBrokerProperty(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
    merged.put(key, value);
    return new KafkaOptions(port, dataDirectory, startTimeout, stopTimeout, merged);
  }
}
