package io.pitchey.aggregator.topology;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What the aggregator knows about its input partitions from outside the topology: where each one
 * ends (for a {@code read_committed} reader) and where the application's group has committed. A
 * task is caught up when its position — the later of the committed offset and the record after the
 * last one it processed — has reached the end.
 *
 * <p>Values may be a little old (an implementation says how old); both are empty while unknown.
 * Implementations are thread-safe.
 */
public interface InputPositions {
  /** Nothing known: tasks fall back on record times and idleness. */
  InputPositions UNKNOWN =
      new InputPositions() {
        @Override
        public OptionalLong endOffset(TopicPartition partition) {
          return OptionalLong.empty();
        }

        @Override
        public OptionalLong committedOffset(TopicPartition partition) {
          return OptionalLong.empty();
        }
      };

  OptionalLong endOffset(TopicPartition partition);

  OptionalLong committedOffset(TopicPartition partition);
}
