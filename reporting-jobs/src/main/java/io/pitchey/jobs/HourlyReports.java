package io.pitchey.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Decides which UTC hours need a performance report and writes them.
 *
 * <p>A run reports the last full hour and also every hour of the {@link #LOOKBACK} that has window
 * data but no final report: one written while its last windows were still open (provisional), or
 * none at all because no node ran at that time. So a single run after an outage of up to a day, or
 * the one coalesced run Quartz makes for several missed fires, leaves no gaps, and every
 * provisional report is replaced by a final one an hour later. Thread-safe.
 */
final class HourlyReports {
  /**
   * How far back a run repairs missing or provisional reports; bounds the work after a long outage.
   */
  static final Duration LOOKBACK = Duration.ofHours(24);

  private static final Duration HOUR = Duration.ofHours(1);
  private static final String BACKLOG_SQL =
      """
      select h.hour
      from generate_series(?::timestamptz, ?::timestamptz, interval '1 hour') as h(hour)
      where exists (select 1 from metrics.route_windows w
                    where w.window_start >= h.hour and w.window_start < h.hour + interval '1 hour')
        and not exists (select 1 from metrics.performance_reports r
                        where r.period_start = h.hour and r.period_end = h.hour + interval '1 hour'
                          and not r.provisional)
      order by h.hour
      """;

  private final DataSource dataSource;
  private final PerformanceReportWriter writer;
  private final Clock clock;

  HourlyReports(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.writer = new PerformanceReportWriter(dataSource);
    this.clock = clock;
  }

  /** The start of the last hour that has fully passed at {@code now} (UTC). */
  static Instant previousFullHour(Instant now) {
    return now.truncatedTo(ChronoUnit.HOURS).minus(HOUR);
  }

  /**
   * Reports the last full hour by the clock, then repairs the backlog; returns what was written,
   * oldest first.
   */
  List<PerformanceReport> catchUp() throws SQLException {
    Instant lastHour = previousFullHour(clock.instant());
    List<Instant> hours = new ArrayList<>(backlog(lastHour.minus(LOOKBACK), lastHour.minus(HOUR)));
    // always (re)written, even when empty: "no requests at all" is exactly what on-call needs to
    // see
    hours.add(lastHour);
    List<PerformanceReport> written = new ArrayList<>(hours.size());
    for (Instant hour : hours) {
      written.add(reportFor(hour));
    }
    return written;
  }

  /**
   * Writes (or rewrites) the report of the hour starting at {@code hourStart}, which must be a
   * whole UTC hour.
   */
  PerformanceReport reportFor(Instant hourStart) throws SQLException {
    if (!hourStart.equals(hourStart.truncatedTo(ChronoUnit.HOURS))) {
      throw new IllegalArgumentException("not the start of an hour: " + hourStart);
    }
    return writer.write(hourStart, hourStart.plus(HOUR), clock.instant());
  }

  private List<Instant> backlog(Instant first, Instant last) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(BACKLOG_SQL)) {
      query.setObject(1, PerformanceReportWriter.timestamptz(first));
      query.setObject(2, PerformanceReportWriter.timestamptz(last));
      List<Instant> hours = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          hours.add(rows.getObject(1, OffsetDateTime.class).toInstant());
        }
      }
      return hours;
    }
  }
}
