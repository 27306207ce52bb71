package io.pitchey.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * Writes one-minute window rows as the streams-aggregator's sink would: final rows into {@code
 * metrics.route_windows}, open windows into {@code metrics.route_windows_live}, with latency
 * sketches built by the database's own {@code metrics.sketch_of} (contracts §4).
 */
final class WindowRows {
  private static final String COLUMNS =
      "window_start, window_end, service, region, instance, method, route, requests, status_2xx, status_4xx, "
          + "status_5xx, cache_hit, cache_miss, cache_bypass, latency, db_time";
  private static final String VALUES =
      "?, ?, ?, 'local', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + "metrics.sketch_of(?::double precision[]), metrics.sketch_of('{}'::double precision[])";

  private final DataSource dataSource;

  WindowRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * One minute of one instance's traffic on a route: every request's latency in microseconds, of
   * which {@code errors5xx} answered 5xx and {@code clientErrors} 4xx; {@code cacheHits} were
   * served from cache and the other GETs missed (other methods bypass).
   */
  record Window(
      Instant start,
      String instance,
      String method,
      String route,
      long[] latenciesUs,
      long errors5xx,
      long clientErrors,
      long cacheHits) {
    static Window of(Instant start, String method, String route, long[] latenciesUs) {
      return new Window(start, "node-1", method, route, latenciesUs, 0, 0, 0);
    }

    Window on(String otherInstance) {
      return new Window(
          start, otherInstance, method, route, latenciesUs, errors5xx, clientErrors, cacheHits);
    }

    Window withErrors(long fiveXx, long fourXx) {
      return new Window(start, instance, method, route, latenciesUs, fiveXx, fourXx, cacheHits);
    }

    Window withCacheHits(long hits) {
      return new Window(start, instance, method, route, latenciesUs, errors5xx, clientErrors, hits);
    }

    long requests() {
      return latenciesUs.length;
    }
  }

  /** {@code count} requests that all took {@code micros}. */
  static long[] repeat(long micros, int count) {
    return LongStream.generate(() -> micros).limit(count).toArray();
  }

  static long[] concat(long[] first, long[] second) {
    return LongStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray();
  }

  void insertFinal(Window window) throws SQLException {
    insert("metrics.route_windows", window);
  }

  void insertLive(Window window) throws SQLException {
    insert("metrics.route_windows_live", window);
  }

  private void insert(String table, Window window) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into " + table + " (" + COLUMNS + ") values (" + VALUES + ")")) {
      bind(connection, insert, window);
      insert.executeUpdate();
    }
  }

  private static void bind(Connection connection, PreparedStatement insert, Window w)
      throws SQLException {
    boolean cacheable = w.method().equals("GET");
    long requests = w.requests();
    insert.setObject(1, w.start().atOffset(ZoneOffset.UTC));
    insert.setObject(2, w.start().plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC));
    insert.setString(3, "serving-api");
    insert.setString(4, w.instance());
    insert.setString(5, w.method());
    insert.setString(6, w.route());
    insert.setLong(7, requests);
    insert.setLong(8, requests - w.errors5xx() - w.clientErrors());
    insert.setLong(9, w.clientErrors());
    insert.setLong(10, w.errors5xx());
    insert.setLong(11, w.cacheHits());
    insert.setLong(12, cacheable ? requests - w.cacheHits() : 0);
    insert.setLong(13, cacheable ? 0 : requests);
    bindSketch(connection, insert, 14, w.latenciesUs());
  }

  private static void bindSketch(
      Connection connection, PreparedStatement insert, int index, long[] micros)
      throws SQLException {
    Double[] values =
        Arrays.stream(micros).mapToObj(value -> (double) value).toArray(Double[]::new);
    insert.setArray(index, connection.createArrayOf("float8", values));
  }
}
