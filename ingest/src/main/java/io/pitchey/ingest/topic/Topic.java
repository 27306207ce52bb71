package io.pitchey.ingest.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic together with the serdes of its keys and values, so that a producer, a consumer or
 * a Streams topology cannot pair a topic with the wrong format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("not a legal Kafka topic name: '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
