package io.pitchey.jobs;

import static io.pitchey.jobs.WindowRows.concat;
import static io.pitchey.jobs.WindowRows.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.jobs.WindowRows.Window;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class PerformanceReportTest {
  private static final Instant TWO_PM = Instant.parse("2025-03-04T14:00:00Z");
  private static final Clock AFTER_THREE_PM =
      Clock.fixed(Instant.parse("2025-03-04T15:00:20Z"), ZoneOffset.UTC);

  private static TestDatabase db;
  private static WindowRows windows;
  private static HourlyReports reports;

  @BeforeAll
  static void migratedDatabase(LocalPostgres postgres) {
    db = TestDatabase.migrated(postgres, "report");
    windows = new WindowRows(db.dataSource());
    reports = new HourlyReports(db.dataSource(), AFTER_THREE_PM);
  }

  @BeforeEach
  void noWindowsAndNoReports() throws SQLException {
    db.truncateMetricsAndQuartz();
  }

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @Test
  void a_routes_requests_add_up_and_its_p95_comes_from_the_merged_sketches() throws SQLException {
    // Two quiet minutes at 10 ms, one slow minute at 500 ms on another node: p95 over the hour is
    // 500 ms; averaging the minutes' p95 would claim about 173 ms.
    windows.insertFinal(Window.of(minute(5), "GET", "/api/pitches", repeat(10_000, 100)));
    windows.insertFinal(Window.of(minute(6), "GET", "/api/pitches", repeat(10_000, 100)));
    windows.insertFinal(
        Window.of(minute(7), "GET", "/api/pitches", repeat(500_000, 20)).on("node-2"));

    reports.reportFor(TWO_PM);

    RouteRow row = routeRow("GET", "/api/pitches");
    assertThat(row.requests()).isEqualTo(220);
    assertThat(row.p95Ms())
        .isCloseTo(p95Ms(concat(repeat(10_000, 200), repeat(500_000, 20))), withinPercentage(1));
    assertThat(row.p50Ms()).isCloseTo(10.0, withinPercentage(1));
  }

  @Test
  void the_totals_merge_every_route_of_the_hour_and_nothing_outside_it() throws SQLException {
    long[] pitches = concat(repeat(8_000, 90), repeat(120_000, 10));
    long[] search = repeat(45_000, 50);
    windows.insertFinal(Window.of(minute(0), "GET", "/api/pitches", pitches));
    windows.insertFinal(Window.of(minute(59), "GET", "/api/search", search));
    windows.insertFinal(
        Window.of(TWO_PM.plusSeconds(3600), "GET", "/api/search", repeat(1_000_000, 500)));

    PerformanceReport report = reports.reportFor(TWO_PM);

    assertThat(report.requests()).isEqualTo(150);
    assertThat(report.routes()).isEqualTo(2);
    assertThat(report.p95Ms()).isCloseTo(p95Ms(concat(pitches, search)), withinPercentage(1));
    assertThat(report.provisional()).isFalse();
    assertThat(report.summary())
        .startsWith("2025-03-04T14:00:00Z/PT1H: requests 150, routes 2, p95 ");
  }

  @Test
  void error_and_cache_hit_rates_follow_the_counting_rules() throws SQLException {
    windows.insertFinal(
        Window.of(minute(1), "GET", "/api/pitches/{id}", repeat(5_000, 200))
            .withErrors(2, 6)
            .withCacheHits(150));
    windows.insertFinal(
        Window.of(minute(1), "POST", "/api/pitches", repeat(30_000, 100)).withErrors(1, 0));

    PerformanceReport report = reports.reportFor(TWO_PM);

    RouteRow get = routeRow("GET", "/api/pitches/{id}");
    assertThat(get.errorRate()).isCloseTo(2 / 200.0, within(1e-12));
    assertThat(get.cacheHitRate()).isCloseTo(150 / 200.0, within(1e-12));
    // POSTs bypass the cache: they count for errors, not for the hit rate
    assertThat(report.errorRate()).isCloseTo(3 / 300.0, within(1e-12));
    assertThat(report.cacheHitRate()).isCloseTo(150 / 200.0, within(1e-12));
  }

  @Test
  void running_the_same_hour_twice_leaves_one_report_with_the_latest_numbers() throws SQLException {
    windows.insertFinal(Window.of(minute(1), "GET", "/api/pitches", repeat(10_000, 10)));
    reports.reportFor(TWO_PM);
    windows.insertFinal(Window.of(minute(2), "GET", "/api/pitches", repeat(10_000, 5)));

    reports.reportFor(TWO_PM);

    assertThat(db.queryLong("select count(*) from metrics.performance_reports")).isEqualTo(1);
    assertThat(db.queryLong("select count(*) from metrics.performance_report_routes")).isEqualTo(1);
    assertThat(routeRow("GET", "/api/pitches").requests()).isEqualTo(15);
  }

  @Test
  void an_hour_without_traffic_gets_a_report_of_zero_requests() throws SQLException {
    PerformanceReport report = reports.reportFor(TWO_PM);

    assertThat(report.requests()).isZero();
    assertThat(report.routes()).isZero();
    assertThat(report.p95Ms()).isNull();
    assertThat(report.errorRate()).isNull();
  }

  @Test
  void windows_still_open_count_and_make_the_report_provisional() throws SQLException {
    windows.insertFinal(Window.of(minute(58), "GET", "/api/pitches", repeat(10_000, 10)));
    windows.insertLive(Window.of(minute(59), "GET", "/api/pitches", repeat(10_000, 4)));

    PerformanceReport report = reports.reportFor(TWO_PM);

    assertThat(report.provisional()).isTrue();
    assertThat(report.requests()).isEqualTo(14);
  }

  @Test
  void a_run_reports_the_last_hour_and_repairs_earlier_hours_lacking_a_final_report()
      throws SQLException {
    Instant tenAm = Instant.parse("2025-03-04T10:00:00Z");
    Instant noon = Instant.parse("2025-03-04T12:00:00Z");
    windows.insertFinal(Window.of(tenAm.plusSeconds(60), "GET", "/api/pitches", repeat(10_000, 3)));
    windows.insertFinal(Window.of(noon.plusSeconds(60), "GET", "/api/pitches", repeat(10_000, 4)));
    windows.insertFinal(Window.of(minute(1), "GET", "/api/pitches", repeat(10_000, 5)));
    reports.reportFor(tenAm); // already final: left alone

    List<PerformanceReport> written = reports.catchUp();

    assertThat(written).extracting(PerformanceReport::periodStart).containsExactly(noon, TWO_PM);
    assertThat(written).extracting(PerformanceReport::requests).containsExactly(4L, 5L);
  }

  @Test
  void a_start_that_is_not_on_a_whole_hour_is_refused() {
    assertThatThrownBy(() -> reports.reportFor(TWO_PM.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the start of an hour");
  }

  private static Instant minute(int minute) {
    return TWO_PM.plusSeconds(60L * minute);
  }

  /** The exact order statistic contracts §4 defines: the value at rank ⌊q·(n − 1)⌋, in ms. */
  private static double p95Ms(long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(0.95 * (sorted.length - 1))] / 1000.0;
  }

  private record RouteRow(
      long requests, double p50Ms, double p95Ms, double errorRate, double cacheHitRate) {}

  private RouteRow routeRow(String method, String route) throws SQLException {
    String sql =
        "select requests, p50_ms, p95_ms, error_rate, coalesce(cache_hit_rate, 'NaN') as cache_hit_rate"
            + " from metrics.performance_report_routes where method = ? and route = ?";
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, method);
      query.setString(2, route);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a report row for %s %s", method, route).isTrue();
        return new RouteRow(
            row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5));
      }
    }
  }
}
