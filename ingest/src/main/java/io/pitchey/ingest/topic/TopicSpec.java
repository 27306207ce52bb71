package io.pitchey.ingest.topic;

import java.util.Map;

/** How a topic must be created: partitions, replication and topic-level configs. */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          name + ": replication factor must be >= 1, was " + replicationFactor);
    }
    configs = Map.copyOf(configs);
  }
}
