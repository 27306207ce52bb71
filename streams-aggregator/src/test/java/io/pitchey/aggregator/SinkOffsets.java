package io.pitchey.aggregator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a sink group keeps in {@code metrics.sink_offsets}, in the same transaction as its
 * rows (contracts §5): the next record of each window-topic partition it will read.
 */
final class SinkOffsets {
  private SinkOffsets() {}

  /** Stores {@code next} as where the sink of {@code group} goes on reading. */
  static void store(DataSource db, String group, Map<TopicPartition, Long> next)
      throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "insert into metrics.sink_offsets (consumer_group, topic, partition,"
                    + " next_offset) values (?, ?, ?, ?)")) {
      for (var entry : next.entrySet()) {
        st.setString(1, group);
        st.setString(2, entry.getKey().topic());
        st.setInt(3, entry.getKey().partition());
        st.setLong(4, entry.getValue());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** The next offset the sink of {@code group} will read, by partition of {@code topic}. */
  static Map<Integer, Long> stored(DataSource db, String group, String topic) throws SQLException {
    Map<Integer, Long> offsets = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select partition, next_offset from metrics.sink_offsets"
                    + " where consumer_group = ? and topic = ?")) {
      st.setString(1, group);
      st.setString(2, topic);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          offsets.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return offsets;
  }
}
