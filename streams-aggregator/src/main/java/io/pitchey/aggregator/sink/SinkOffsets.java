package io.pitchey.aggregator.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink's consumer positions, stored in {@code metrics.sink_offsets} inside the same transaction
 * as the rows they produced: after any crash the database says exactly where to resume.
 */
final class SinkOffsets {
  private final String group;

  SinkOffsets(String group) {
    this.group = group;
  }

  Map<TopicPartition, Long> read(Connection connection, String topic) throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try (PreparedStatement st =
        connection.prepareStatement(
            "select partition, next_offset from metrics.sink_offsets where consumer_group = ? and topic = ?")) {
      st.setString(1, group);
      st.setString(2, topic);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          offsets.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
        }
      }
    }
    return offsets;
  }

  void write(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            """
            insert into metrics.sink_offsets (consumer_group, topic, partition, next_offset)
            values (?, ?, ?, ?)
            on conflict (consumer_group, topic, partition)
            do update set next_offset = excluded.next_offset, updated_at = now()
            """)) {
      for (var entry : nextOffsets.entrySet()) {
        st.setString(1, group);
        st.setString(2, entry.getKey().topic());
        st.setInt(3, entry.getKey().partition());
        st.setLong(4, entry.getValue());
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
