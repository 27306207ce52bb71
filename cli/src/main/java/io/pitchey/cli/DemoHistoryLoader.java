package io.pitchey.cli;

import io.pitchey.ingest.backfill.KafkaBatchSink;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo's history in the background while the demo starts: publishes it to the backfill
 * topic, waits (bounded) until PostgreSQL counts all of it, and prints one line.
 */
final class DemoHistoryLoader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoHistoryLoader.class);
  private static final Duration LAND_TIMEOUT = Duration.ofSeconds(120);

  private final Thread thread;

  private DemoHistoryLoader(Thread thread) {
    this.thread = thread;
  }

  static DemoHistoryLoader start(
      DemoHistory history, DemoSystem system, PrintWriter out, Lifecycle lifecycle) {
    Thread thread =
        Thread.ofPlatform()
            .name("demo-history")
            .daemon()
            .start(() -> load(history, system, out, lifecycle));
    return new DemoHistoryLoader(thread);
  }

  private static void load(
      DemoHistory history, DemoSystem system, PrintWriter out, Lifecycle lifecycle) {
    long started = System.nanoTime();
    try {
      long events;
      try (KafkaBatchSink sink =
          new KafkaBatchSink(
              system.kafkaBootstrap(), BackfillTopic.TOPIC, "pitchey-demo-history")) {
        events = history.publish(sink);
      }
      double publishedS = (System.nanoTime() - started) / 1e9;
      long deadline = System.nanoTime() + LAND_TIMEOUT.toNanos();
      long counted = counted(system, history);
      while (counted < events
          && System.nanoTime() < deadline
          && !lifecycle.awaitShutdown(Duration.ofSeconds(1))) {
        counted = counted(system, history);
      }
      double landedS = (System.nanoTime() - started) / 1e9;
      out.println(
          String.format(
              Locale.ROOT,
              "History: %,d synthetic events over %d days (daily/weekly shape, slow GET"
                  + " /api/search, a bad hour at %s) published to %s in %.1f s; %,d counted in"
                  + " PostgreSQL as correction rows after %.1f s",
              events,
              DemoHistory.SPAN.toDays(),
              history.badHourStart(),
              BackfillTopic.TOPIC.name(),
              publishedS,
              counted,
              landedS));
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | SQLException e) {
      log.warn("demo history not loaded: {}", e.toString());
    }
  }

  private static long counted(DemoSystem system, DemoHistory history) throws SQLException {
    try (Connection c = system.database().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select coalesce(sum(requests), 0) from metrics.route_windows"
                    + " where is_correction and instance = 'history-1'"
                    + " and window_start >= ? and window_start < ?")) {
      st.setTimestamp(1, Timestamp.from(history.start()));
      st.setTimestamp(2, Timestamp.from(history.end()));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(Duration.ofSeconds(15));
  }
}
