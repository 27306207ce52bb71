package io.pitchey.ingest.topic;

import java.util.Map;

/**
 * How a topic must be created: partitions, replication and topic-level configs.
 *
 * @param keepsOldRecords the topic carries records with old timestamps (backfilled events, their
 *     windows, dead letters of either): {@link TopicSetup} refuses an existing topic whose configs
 *     would delete or reject such records on arrival
 */
public record TopicSpec(
    String name,
    int partitions,
    short replicationFactor,
    Map<String, String> configs,
    boolean keepsOldRecords) {
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

  /** A topic without old records to protect. */
  public TopicSpec(
      String name, int partitions, short replicationFactor, Map<String, String> configs) {
    this(name, partitions, replicationFactor, configs, false);
  }
}
