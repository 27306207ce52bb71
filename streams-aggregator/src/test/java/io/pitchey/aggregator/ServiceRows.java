package io.pitchey.aggregator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * What the sink wrote for one service, as numbers: its final and correction rows in {@code
 * metrics.route_windows}, and its provisional rows in {@code metrics.route_windows_live}. A test
 * gives its events a service of its own, so these are its rows alone, whatever else the database
 * holds.
 */
final class ServiceRows {
  private static final String ROWS = " from metrics.route_windows where service = ?";

  private final DataSource db;
  private final String service;

  ServiceRows(DataSource db, String service) {
    this.db = db;
    this.service = service;
  }

  /** Requests in the final and correction rows: every event that has landed. */
  long requests() throws SQLException {
    return sum("requests");
  }

  /** Requests in the rows that match {@code condition}, an SQL condition on their columns. */
  long requests(String condition) throws SQLException {
    return number("select coalesce(sum(requests), 0)" + ROWS + " and (" + condition + ")");
  }

  /** The sum of {@code column} (an SQL expression) over the rows, 0 if there are none. */
  long sum(String column) throws SQLException {
    return select("coalesce(sum(" + column + "), 0)");
  }

  /** The rows that match {@code condition}, an SQL condition on their columns. */
  long count(String condition) throws SQLException {
    return number("select count(*)" + ROWS + " and (" + condition + ")");
  }

  /** {@code select <expression>} over the rows, an aggregate such as {@code count(*)}. */
  long select(String expression) throws SQLException {
    return number("select " + expression + ROWS);
  }

  /** Provisional rows not yet replaced by their window's final row. */
  long liveRows() throws SQLException {
    return number("select count(*) from metrics.route_windows_live where service = ?");
  }

  /**
   * Windows of a key with more than one final row: a window counted twice. (The partial unique
   * index {@code route_windows_final_uq} refuses such rows; this counts them without relying on
   * it.)
   */
  long windowsWithTwoFinalRows() throws SQLException {
    return number(
        """
        select count(*) from (
          select 1 from metrics.route_windows
           where service = ? and not is_correction
           group by window_start, region, instance, method, route
          having count(*) > 1) twice
        """);
  }

  /** Requests in the rows of windows starting at {@code since} or later, of these instances. */
  long requestsSince(Instant since, Collection<String> instances) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select coalesce(sum(requests), 0)"
                    + ROWS
                    + " and window_start >= ? and instance = any(?)")) {
      st.setString(1, service);
      st.setTimestamp(2, Timestamp.from(since));
      st.setArray(3, c.createArrayOf("text", instances.toArray()));
      return single(st);
    }
  }

  /** A query of one number whose only parameter is the service. */
  private long number(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, service);
      return single(st);
    }
  }

  private static long single(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
