package io.pitchey.bench.aggregator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/** Watches the database until every produced event is counted in a final row. */
final class RunTimer {
  private static final Duration POLL = Duration.ofMillis(200);

  private final DataSource db;
  private final long expected;
  private double firstRowSeconds = Double.NaN;
  private double allCountedSeconds = Double.NaN;
  private double runningSeconds = Double.NaN;

  RunTimer(DataSource db, long expected) {
    this.db = db;
    this.expected = expected;
  }

  void awaitAllCounted(long startedNanos, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = startedNanos + timeout.toNanos();
    long lastPrint = startedNanos;
    long counted = 0;
    while (counted < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + counted + " of " + expected + " events counted after " + timeout);
      }
      Thread.sleep(POLL.toMillis()); // a polling interval, not a stand-in for synchronisation
      counted = countedInFinalRows();
      long now = System.nanoTime();
      if (counted > 0 && Double.isNaN(firstRowSeconds)) {
        firstRowSeconds = (now - startedNanos) / 1e9;
      }
      if (now - lastPrint > 5_000_000_000L) {
        System.out.printf(
            "  %5.1f s: %,d of %,d events in final rows%n",
            (now - startedNanos) / 1e9, counted, expected);
        lastPrint = now;
      }
    }
    allCountedSeconds = (System.nanoTime() - startedNanos) / 1e9;
    if (counted != expected) {
      throw new IllegalStateException(
          "the database counts " + counted + " events, " + expected + " were produced");
    }
  }

  private long countedInFinalRows() throws SQLException {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select coalesce(sum(requests), 0) from metrics.route_windows")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** How long start-up took: topic checks, Streams reaching RUNNING, the sink subscribing. */
  void running(long nanosSinceStart) {
    runningSeconds = nanosSinceStart / 1e9;
  }

  double runningSeconds() {
    return runningSeconds;
  }

  double firstRowSeconds() {
    return firstRowSeconds;
  }

  double allCountedSeconds() {
    return allCountedSeconds;
  }
}
