package io.pitchey.aggregator.sink;

import io.pitchey.aggregator.sketch.SketchSnapshot;
import io.pitchey.aggregator.window.WindowCounters;
import io.pitchey.aggregator.window.WindowJson;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes window records to {@code metrics.route_windows} (final and correction rows) and {@code
 * metrics.route_windows_live} (provisional rows), in the caller's transaction.
 */
final class WindowRows {
  private static final String COLUMNS =
      "window_start, window_end, service, region, instance, method, route, requests, status_2xx, status_3xx,"
          + " status_4xx, status_5xx, cache_hit, cache_stale, cache_revalidated, cache_miss, cache_bypass,"
          + " db_requests, db_queries, bytes, fast_requests, tolerated_requests, latency, db_time,"
          + " within_50ms, within_200ms, within_500ms, error_types, exemplars";
  private static final String SKETCH =
      "row(?, ?::integer[], ?::bigint[], ?, ?, ?, ?)::metrics.latency_sketch";
  private static final String VALUES =
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + SKETCH
          + ", "
          + SKETCH
          + ", ?, ?, ?, ?::jsonb, ?::jsonb";

  private static final String INSERT_FINAL =
      "insert into metrics.route_windows ("
          + COLUMNS
          + ", is_correction) values ("
          + VALUES
          + ", ?)";
  // The key as the sink writes it (EventKey's form), to compare with the batch's windows.
  private static final String EXISTING_FINALS =
      "select w.window_start, w.service || '|' || w.region || '|' || w.instance || '|' || w.method"
          + " || ' ' || w.route from metrics.route_windows w"
          + " join unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
          + " as b(window_start, service, region, instance, method, route)"
          + " using (window_start, service, region, instance, method, route)"
          + " where not w.is_correction";
  private static final String DELETE_LIVE =
      "delete from metrics.route_windows_live where window_start = ? and service = ? and region = ?"
          + " and instance = ? and method = ? and route = ?";
  private static final String UPSERT_LIVE =
      "insert into metrics.route_windows_live ("
          + COLUMNS
          + ") values ("
          + VALUES
          + ")"
          + " on conflict (window_start, service, region, instance, method, route) do update set "
          + updateAll();

  /**
   * Writes the batch and returns the FINAL records it stored as corrections because their window
   * already had a final row (see {@link #repeatedFinals}).
   */
  List<WindowResult> write(Connection connection, List<WindowResult> results) throws SQLException {
    Set<String> finalised = existingFinals(connection, results);
    List<WindowResult> stored = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_FINAL);
        PreparedStatement deleteLive = connection.prepareStatement(DELETE_LIVE);
        PreparedStatement upsertLive = connection.prepareStatement(UPSERT_LIVE)) {
      for (WindowResult provisional : latestProvisional(results)) {
        bindRow(upsertLive, provisional);
        upsertLive.addBatch();
      }
      for (WindowResult result : results) {
        if (result.kind() != WindowKind.PROVISIONAL) {
          // The first final record of a window is its final row; any later one, a correction.
          boolean again = result.kind() == WindowKind.FINAL && !finalised.add(windowOf(result));
          if (again) {
            stored.add(result);
          }
          int next = bindRow(insert, result);
          insert.setBoolean(next, result.kind() == WindowKind.CORRECTION || again);
          insert.addBatch();
          if (result.kind() == WindowKind.FINAL) {
            bindLiveKey(deleteLive, result);
            deleteLive.addBatch();
          }
        }
      }
      upsertLive.executeBatch();
      insert.executeBatch();
      deleteLive.executeBatch();
    }
    return stored;
  }

  /**
   * The windows of this batch's FINAL records that already have a final row. Exactly-once never
   * repeats a final record, but a change of partitions can: a key's open window is then split
   * between its old and its new task, and both close it. Each part holds other events, so a later
   * one is kept as a correction of the window rather than refused by the unique index — which would
   * stop the sink on the same batch after every restart.
   */
  private static Set<String> existingFinals(Connection connection, List<WindowResult> results)
      throws SQLException {
    Set<String> existing = new HashSet<>();
    List<WindowResult> finals = results.stream().filter(r -> r.kind() == WindowKind.FINAL).toList();
    if (finals.isEmpty()) {
      return existing;
    }
    try (PreparedStatement st = connection.prepareStatement(EXISTING_FINALS)) {
      st.setArray(1, connection.createArrayOf("timestamptz", column(finals, r -> r.windowStart())));
      st.setArray(2, connection.createArrayOf("text", column(finals, r -> r.key().service())));
      st.setArray(3, connection.createArrayOf("text", column(finals, r -> r.key().region())));
      st.setArray(4, connection.createArrayOf("text", column(finals, r -> r.key().instance())));
      st.setArray(5, connection.createArrayOf("text", column(finals, r -> r.key().method())));
      st.setArray(6, connection.createArrayOf("text", column(finals, r -> r.key().route())));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getTimestamp(1).toInstant() + "|" + rs.getString(2));
        }
      }
    }
    return existing;
  }

  private static Object[] column(List<WindowResult> results, Function<WindowResult, Object> part) {
    Object[] values = new Object[results.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = part.apply(results.get(i));
      values[i] = value instanceof Instant instant ? Timestamp.from(instant) : value;
    }
    return values;
  }

  private static String windowOf(WindowResult result) {
    return result.windowStart() + "|" + result.key();
  }

  /**
   * The last provisional value of each window in the batch, unless the batch also finalises it. One
   * upsert per row matters: the driver folds the batch into one multi-row statement, and PostgreSQL
   * refuses to update the same row twice in one statement.
   */
  private static Collection<WindowResult> latestProvisional(List<WindowResult> results) {
    Map<String, WindowResult> latest = new LinkedHashMap<>();
    Set<String> finalised = new HashSet<>();
    for (WindowResult result : results) {
      String window = windowOf(result);
      switch (result.kind()) {
        case PROVISIONAL -> latest.put(window, result);
        case FINAL -> finalised.add(window);
        case CORRECTION -> {}
      }
    }
    latest.keySet().removeAll(finalised);
    return latest.values();
  }

  private static int bindRow(PreparedStatement st, WindowResult r) throws SQLException {
    int i = 1;
    st.setTimestamp(i++, Timestamp.from(r.windowStart()));
    st.setTimestamp(i++, Timestamp.from(r.windowEnd()));
    st.setString(i++, r.key().service());
    st.setString(i++, r.key().region());
    st.setString(i++, r.key().instance());
    st.setString(i++, r.key().method());
    st.setString(i++, r.key().route());
    WindowCounters c = r.window().counters();
    for (long value :
        new long[] {
          c.requests(),
          c.status2xx(),
          c.status3xx(),
          c.status4xx(),
          c.status5xx(),
          c.cacheHit(),
          c.cacheStale(),
          c.cacheRevalidated(),
          c.cacheMiss(),
          c.cacheBypass(),
          c.dbRequests(),
          c.dbQueries(),
          c.bytes(),
          c.fastRequests(),
          c.toleratedRequests()
        }) {
      st.setLong(i++, value);
    }
    i = bindSketch(st, i, r.window().latency());
    i = bindSketch(st, i, r.window().dbTime());
    st.setLong(i++, c.within50ms());
    st.setLong(i++, c.within200ms());
    st.setLong(i++, c.within500ms());
    st.setString(i++, WindowJson.write(r.window().errorTypes()));
    st.setString(i++, WindowJson.write(r.window().exemplars()));
    return i;
  }

  private static int bindSketch(PreparedStatement st, int i, SketchSnapshot s) throws SQLException {
    Connection connection = st.getConnection();
    st.setLong(i++, s.zeroCount());
    st.setArray(i++, connection.createArrayOf("integer", boxed(s.bins())));
    st.setArray(i++, connection.createArrayOf("bigint", boxed(s.counts())));
    // An empty sketch has no min or max: NULL in SQL rather than NaN.
    setDoubleOrNull(st, i++, s.min());
    setDoubleOrNull(st, i++, s.max());
    st.setDouble(i++, s.sum());
    st.setLong(i++, s.count());
    return i;
  }

  private static void setDoubleOrNull(PreparedStatement st, int i, double value)
      throws SQLException {
    if (Double.isNaN(value)) {
      st.setNull(i, java.sql.Types.DOUBLE);
    } else {
      st.setDouble(i, value);
    }
  }

  private static void bindLiveKey(PreparedStatement st, WindowResult r) throws SQLException {
    st.setTimestamp(1, Timestamp.from(r.windowStart()));
    st.setString(2, r.key().service());
    st.setString(3, r.key().region());
    st.setString(4, r.key().instance());
    st.setString(5, r.key().method());
    st.setString(6, r.key().route());
  }

  private static Integer[] boxed(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static Long[] boxed(long[] values) {
    Long[] boxed = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static String updateAll() {
    StringBuilder set = new StringBuilder();
    for (String column : COLUMNS.split(",\\s*")) {
      if (!List.of("window_start", "service", "region", "instance", "method", "route")
          .contains(column)) {
        set.append(set.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
      }
    }
    return set.append(", written_at = now()").toString();
  }
}
