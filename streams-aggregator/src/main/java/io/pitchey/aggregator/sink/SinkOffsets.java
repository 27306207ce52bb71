package io.pitchey.aggregator.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink's consumer positions, stored in {@code metrics.sink_offsets} inside the same transaction
 * as the rows they produced: after any crash the database says exactly where to resume.
 *
 * <p>Every assigned partition has a row before the first write ({@link #initialise}), so a write
 * can lock its partitions' rows and check that the batch starts where the last transaction ended.
 * That check fences a consumer that lost its partitions (a long stall, a rebalance) but still holds
 * a batch: its write is refused instead of duplicating rows the new owner writes.
 */
final class SinkOffsets {
  private final String group;
  private final String topic;

  SinkOffsets(String group, String topic) {
    this.group = group;
    this.topic = topic;
  }

  /** Creates the rows of partitions seen for the first time, at the given starting offsets. */
  void initialise(Connection connection, Map<TopicPartition, Long> startOffsets)
      throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            """
            insert into metrics.sink_offsets (consumer_group, topic, partition, next_offset)
            values (?, ?, ?, ?)
            on conflict (consumer_group, topic, partition) do nothing
            """)) {
      for (var entry : startOffsets.entrySet()) {
        st.setString(1, group);
        st.setString(2, topic);
        st.setInt(3, entry.getKey().partition());
        st.setLong(4, entry.getValue());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** The stored next offsets of the given partitions. */
  Map<TopicPartition, Long> read(Connection connection, Collection<TopicPartition> partitions)
      throws SQLException {
    return select(connection, partitions, "");
  }

  /** Like {@link #read} but locks the rows until the transaction ends, serialising writers. */
  Map<TopicPartition, Long> lock(Connection connection, Collection<TopicPartition> partitions)
      throws SQLException {
    return select(connection, partitions, " for update");
  }

  void write(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            """
            update metrics.sink_offsets set next_offset = ?, updated_at = now()
             where consumer_group = ? and topic = ? and partition = ?
            """)) {
      for (var entry : nextOffsets.entrySet()) {
        st.setLong(1, entry.getValue());
        st.setString(2, group);
        st.setString(3, topic);
        st.setInt(4, entry.getKey().partition());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private Map<TopicPartition, Long> select(
      Connection connection, Collection<TopicPartition> partitions, String suffix)
      throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Array ids =
        connection.createArrayOf(
            "integer", partitions.stream().map(TopicPartition::partition).toArray());
    try (PreparedStatement st =
        connection.prepareStatement(
            "select partition, next_offset from metrics.sink_offsets"
                + " where consumer_group = ? and topic = ? and partition = any(?)"
                + suffix)) {
      st.setString(1, group);
      st.setString(2, topic);
      st.setArray(3, ids);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          offsets.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
        }
      }
    }
    return offsets;
  }
}
