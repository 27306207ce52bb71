package io.pitchey.aggregator.topology;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** Input positions a test sets, as the cluster would report them. */
final class SettableInputPositions implements InputPositions {
  private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

  void end(TopicPartition partition, long offset) {
    ends.put(partition, offset);
  }

  void committed(TopicPartition partition, long offset) {
    committed.put(partition, offset);
  }

  @Override
  public OptionalLong endOffset(TopicPartition partition) {
    Long offset = ends.get(partition);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  @Override
  public OptionalLong committedOffset(TopicPartition partition) {
    Long offset = committed.get(partition);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
