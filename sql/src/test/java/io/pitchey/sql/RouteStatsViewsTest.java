package io.pitchey.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analyst views of migration V4 over a small, fully known set of window rows: two instances in
 * two regions, a correction row of late events, live rows with and without a final row, and another
 * route.
 */
@ExtendWith(DevStackExtension.class)
class RouteStatsViewsTest {

  private static final String ROUTE = "/pitches/{id}";
  private static final String OTHER_ROUTE = "/health";

  /** A closed window: final rows from both instances, a correction, and a stale live row. */
  private static final Instant CLOSED = Instant.parse("2025-03-01T12:00:00Z");

  /** The next window, still open on instance a: one final row (instance b) and one live row. */
  private static final Instant OPEN = CLOSED.plus(Duration.ofMinutes(1));

  private static final long[] CLOSED_A = {1_000, 2_000, 3_000, 4_000};
  private static final long[] CLOSED_B = {10_000, 20_000, 30_000};
  private static final long[] CLOSED_LATE = {400_000};

  private static Connection connection;

  @BeforeAll
  static void insertWindows(LocalPostgres postgres) throws SQLException {
    connection = MigratedDatabase.create(postgres, "route_stats_views").getConnection();
    // closed window: 8 requests of which 1 late; cacheable: 2 HIT + 1 STALE + 1 REVALIDATED vs 2
    // MISS; 2 BYPASS
    new WindowRow(CLOSED, "eu-west", "a")
        .latencies(CLOSED_A)
        .status5xx(1)
        .cache(2, 0, 0, 1, 1)
        .dbTimes(500, 1_500)
        .insert();
    new WindowRow(CLOSED, "us-east", "b")
        .latencies(CLOSED_B)
        .status4xx(1)
        .cache(0, 1, 1, 0, 1)
        .dbTimes(3_000)
        .insert();
    new WindowRow(CLOSED, "eu-west", "a")
        .correction()
        .latencies(CLOSED_LATE)
        .cache(0, 0, 0, 1, 0)
        .insert();
    // the live row of a window whose final row has landed: must not be counted again
    new WindowRow(CLOSED, "eu-west", "a").live().latencies(1, 2, 3, 4, 5, 6, 7).insert();
    // another route in the same window: a separate row of the stats
    new WindowRow(CLOSED, "eu-west", "a").route(OTHER_ROUTE).latencies(300).insert();
    // open window: instance b has finished it, instance a has only provisional values; no cacheable
    // request
    new WindowRow(OPEN, "us-east", "b").latencies(6_000).cache(0, 0, 0, 0, 1).insert();
    new WindowRow(OPEN, "eu-west", "a")
        .live()
        .latencies(5_000, 7_000)
        .cache(0, 0, 0, 0, 2)
        .insert();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void allRowsAreFinalCorrectionAndLiveRowsWithoutAFinalRow() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                """
                select window_start, region, instance, route, is_correction, provisional, requests
                from metrics.route_windows_all
                order by window_start, route, region, is_correction, provisional""");
        ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.add(
            String.join(
                " ",
                result.getTimestamp(1).toInstant().toString(),
                result.getString(2),
                result.getString(3),
                result.getString(4),
                "correction=" + result.getBoolean(5),
                "provisional=" + result.getBoolean(6),
                "requests=" + result.getLong(7)));
      }
    }
    assertThat(rows)
        .containsExactly(
            "2025-03-01T12:00:00Z eu-west a /health correction=false provisional=false requests=1",
            "2025-03-01T12:00:00Z eu-west a /pitches/{id} correction=false provisional=false requests=4",
            "2025-03-01T12:00:00Z eu-west a /pitches/{id} correction=true provisional=false requests=1",
            "2025-03-01T12:00:00Z us-east b /pitches/{id} correction=false provisional=false requests=3",
            "2025-03-01T12:01:00Z eu-west a /pitches/{id} correction=false provisional=true requests=2",
            "2025-03-01T12:01:00Z us-east b /pitches/{id} correction=false provisional=false requests=1");
  }

  @Test
  void closedWindowMergesInstancesRegionsAndTheCorrection() throws SQLException {
    long[] all = concat(CLOSED_A, CLOSED_B, CLOSED_LATE);
    try (ResultSet stats = minuteStats(CLOSED, ROUTE)) {
      assertThat(stats.getTimestamp("window_end").toInstant()).isEqualTo(OPEN);
      assertThat(stats.getString("service")).isEqualTo("api");
      assertThat(stats.getString("method")).isEqualTo("GET");
      assertThat(stats.getLong("requests")).isEqualTo(8);
      // the quantiles of the merged sketches are those of one sketch of all the values...
      assertThat(stats.getDouble("p50_ms")).isEqualTo(sketchQuantile(all, 0.50) / 1000.0);
      assertThat(stats.getDouble("p95_ms")).isEqualTo(sketchQuantile(all, 0.95) / 1000.0);
      assertThat(stats.getDouble("p99_ms")).isEqualTo(sketchQuantile(all, 0.99) / 1000.0);
      // ...and so within 1 % of the exact order statistics (ranks 3 and 6 of the 8 sorted values)
      assertThat(stats.getDouble("p50_ms")).isCloseTo(4.0, offset(0.04));
      assertThat(stats.getDouble("p95_ms")).isCloseTo(30.0, offset(0.3));
      assertThat(stats.getDouble("mean_ms"))
          .isCloseTo(LongStream.of(all).sum() / 8.0 / 1000.0, offset(1e-12));
      assertThat(stats.getDouble("max_ms")).isEqualTo(400.0);
      assertThat(stats.getDouble("cache_hit_rate")).isCloseTo(4.0 / 6.0, offset(1e-12));
      assertThat(stats.getDouble("error_rate")).isCloseTo(1.0 / 8.0, offset(1e-12));
      assertThat(stats.getDouble("client_error_rate")).isCloseTo(1.0 / 8.0, offset(1e-12));
      assertThat(stats.getDouble("throughput_rps")).isCloseTo(8.0 / 60.0, offset(1e-12));
      assertThat(stats.getDouble("db_ms_per_db_request"))
          .isCloseTo((500 + 1_500 + 3_000) / 3.0 / 1000.0, offset(1e-12));
      assertThat(stats.getBoolean("provisional")).isFalse();
      assertThat(stats.next()).as("one row per window and route").isFalse();
    }
  }

  @Test
  void openWindowIsProvisionalAndHasNoRatesWithoutDenominators() throws SQLException {
    try (ResultSet stats = minuteStats(OPEN, ROUTE)) {
      assertThat(stats.getLong("requests")).isEqualTo(3);
      assertThat(stats.getDouble("p99_ms"))
          .isEqualTo(sketchQuantile(new long[] {6_000, 5_000, 7_000}, 0.99) / 1000.0);
      assertThat(stats.getObject("cache_hit_rate")).as("only BYPASS requests").isNull();
      assertThat(stats.getObject("db_ms_per_db_request")).as("no request ran a query").isNull();
      assertThat(stats.getDouble("error_rate")).isZero();
      assertThat(stats.getBoolean("provisional")).isTrue();
    }
  }

  @Test
  void routesAreSeparateRows() throws SQLException {
    try (ResultSet stats = minuteStats(CLOSED, OTHER_ROUTE)) {
      assertThat(stats.getLong("requests")).isEqualTo(1);
      assertThat(stats.getDouble("max_ms")).isEqualTo(0.3);
    }
  }

  /** The view's row for a window and route, positioned on it. */
  private static ResultSet minuteStats(Instant windowStart, String route) throws SQLException {
    PreparedStatement query =
        connection.prepareStatement(
            "select * from metrics.route_minute_stats where window_start = ? and route = ?");
    query.closeOnCompletion();
    query.setTimestamp(1, Timestamp.from(windowStart));
    query.setString(2, route);
    ResultSet result = query.executeQuery();
    assertThat(result.next()).as("stats of %s %s", windowStart, route).isTrue();
    return result;
  }

  /**
   * The quantile of one sketch of all the values, built directly from them by {@code
   * metrics.sketch_of}.
   */
  private static double sketchQuantile(long[] values, double q) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select metrics.sketch_quantile(metrics.sketch_of(?::double precision[]), ?)")) {
      query.setArray(
          1,
          connection.createArrayOf(
              "float8", LongStream.of(values).mapToObj(v -> (double) v).toArray()));
      query.setDouble(2, q);
      try (ResultSet result = query.executeQuery()) {
        assertThat(result.next()).isTrue();
        return result.getDouble(1);
      }
    }
  }

  private static long[] concat(long[]... parts) {
    return Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
  }

  /**
   * One row of metrics.route_windows (final or correction) or metrics.route_windows_live, for GET
   * on service api.
   */
  private static final class WindowRow {
    private final Instant start;
    private final String region;
    private final String instance;
    private String route = ROUTE;
    private boolean live;
    private boolean correction;
    private long[] latencies = {};
    private long[] dbTimes = {};
    private long status4xx;
    private long status5xx;
    private long[] cache = {0, 0, 0, 0, 0};

    WindowRow(Instant start, String region, String instance) {
      this.start = start;
      this.region = region;
      this.instance = instance;
    }

    WindowRow route(String newRoute) {
      route = newRoute;
      return this;
    }

    WindowRow live() {
      live = true;
      return this;
    }

    WindowRow correction() {
      correction = true;
      return this;
    }

    /** The requests' durations (µs): one request each. */
    WindowRow latencies(long... micros) {
      latencies = micros;
      return this;
    }

    /** Database time (µs) of each request that ran a query. */
    WindowRow dbTimes(long... micros) {
      dbTimes = micros;
      return this;
    }

    WindowRow status4xx(long n) {
      status4xx = n;
      return this;
    }

    WindowRow status5xx(long n) {
      status5xx = n;
      return this;
    }

    WindowRow cache(long hit, long stale, long revalidated, long miss, long bypass) {
      cache = new long[] {hit, stale, revalidated, miss, bypass};
      return this;
    }

    void insert() throws SQLException {
      String table = live ? "metrics.route_windows_live" : "metrics.route_windows";
      String correctionColumn = live ? "" : ", is_correction";
      String correctionValue = live ? "" : ", " + correction;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into "
                  + table
                  + " (window_start, window_end, service, region, instance, method, route"
                  + correctionColumn
                  + ","
                  + " requests, status_2xx, status_4xx, status_5xx,"
                  + " cache_hit, cache_stale, cache_revalidated, cache_miss, cache_bypass,"
                  + " db_requests, db_queries, latency, db_time)"
                  + " values (?, ?, 'api', ?, ?, 'GET', ?"
                  + correctionValue
                  + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " metrics.sketch_of(?::double precision[]), metrics.sketch_of(?::double precision[]))")) {
        int p = 1;
        insert.setTimestamp(p++, Timestamp.from(start));
        insert.setTimestamp(p++, Timestamp.from(start.plus(Duration.ofMinutes(1))));
        insert.setString(p++, region);
        insert.setString(p++, instance);
        insert.setString(p++, route);
        insert.setLong(p++, latencies.length);
        insert.setLong(p++, latencies.length - status4xx - status5xx);
        insert.setLong(p++, status4xx);
        insert.setLong(p++, status5xx);
        for (long n : cache) {
          insert.setLong(p++, n);
        }
        insert.setLong(p++, dbTimes.length);
        insert.setLong(p++, dbTimes.length);
        insert.setArray(
            p++,
            connection.createArrayOf(
                "float8", LongStream.of(latencies).mapToObj(v -> (double) v).toArray()));
        insert.setArray(
            p,
            connection.createArrayOf(
                "float8", LongStream.of(dbTimes).mapToObj(v -> (double) v).toArray()));
        insert.executeUpdate();
      }
    }
  }
}
