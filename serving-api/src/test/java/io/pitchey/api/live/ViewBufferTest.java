package io.pitchey.api.live;

import static io.pitchey.api.db.schema.Tables.PITCH_VIEW_MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.db.Database;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.TestPitches;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class ViewBufferTest {
  private static HikariDataSource dataSource;
  private static DSLContext sql;
  private static TestPitches pitches;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:30Z"));

  @BeforeAll
  static void migrate(LocalPostgres postgres) {
    String database = postgres.createUniqueDatabase("views");
    dataSource =
        DataSources.pooled(
            new DatabaseSettings(
                postgres.jdbcUrl(database), postgres.user(), postgres.password(), Optional.empty()),
            "views-test",
            4);
    Migrations.migrate(dataSource);
    sql = Database.using(dataSource);
    pitches = new TestPitches(dataSource, DemoData.seed(dataSource, 1, 0, 1).userIds().get(0));
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  @Test
  void views_are_held_until_a_flush_writes_them_in_one_go() {
    ViewBuffer buffer = new ViewBuffer(sql, clock);
    long a = pitches.insertPublished("A");
    long b = pitches.insertPublished("B");
    buffer.record(a);
    buffer.record(a);
    buffer.record(b);

    assertThat(buffer.unflushed(a)).isEqualTo(2);
    assertThat(pitches.viewCount(a)).isZero();

    assertThat(buffer.flush()).isEqualTo(3);

    assertThat(pitches.viewCount(a)).isEqualTo(2);
    assertThat(pitches.viewCount(b)).isEqualTo(1);
    assertThat(buffer.unflushed(a)).isZero();
    assertThat(minuteViews(a, Instant.parse("2026-03-01T12:00:00Z"))).isEqualTo(2);
    assertThat(buffer.flush()).isZero();
  }

  @Test
  void closing_an_interrupted_flusher_still_writes_the_last_views_and_keeps_the_interrupt() {
    // as a pool does when it has to wait for a connection: an interrupted thread gets none
    DSLContext refusesInterrupted =
        DSL.using(
            new ConnectionProvider() {
              @Override
              public Connection acquire() {
                if (Thread.currentThread().isInterrupted()) {
                  throw new DataAccessException("interrupted during connection acquisition");
                }
                try {
                  return dataSource.getConnection();
                } catch (SQLException e) {
                  throw new DataAccessException("no connection", e);
                }
              }

              @Override
              public void release(Connection connection) {
                try {
                  connection.close();
                } catch (SQLException e) {
                  throw new DataAccessException("close failed", e);
                }
              }
            },
            SQLDialect.POSTGRES);
    ViewBuffer buffer = new ViewBuffer(refusesInterrupted, clock);
    ViewFlusher flusher =
        new ViewFlusher(buffer, Executors.newSingleThreadScheduledExecutor(), Duration.ofHours(1));
    long id = pitches.insertPublished("Last Views");
    buffer.record(id);

    Thread.currentThread().interrupt();
    flusher.close();
    boolean stillInterrupted = Thread.interrupted(); // clears it for the next test

    assertThat(stillInterrupted).isTrue();
    assertThat(pitches.viewCount(id)).isEqualTo(1);
  }

  @Test
  void views_of_later_minutes_go_to_their_own_minute() {
    ViewBuffer buffer = new ViewBuffer(sql, clock);
    long id = pitches.insertPublished("Minutes");
    buffer.record(id);
    buffer.flush();
    clock.advance(Duration.ofMinutes(1));
    buffer.record(id);
    buffer.record(id);
    buffer.flush();

    assertThat(minuteViews(id, Instant.parse("2026-03-01T12:00:00Z"))).isEqualTo(1);
    assertThat(minuteViews(id, Instant.parse("2026-03-01T12:01:00Z"))).isEqualTo(2);
  }

  @Test
  void a_failed_flush_keeps_its_views_for_the_next_one() {
    ViewBuffer buffer = new ViewBuffer(sql, clock);
    long id = pitches.insertPublished("Retry");
    buffer.record(id);
    sql.execute("alter table app.pitch_view_minutes rename to pitch_view_minutes_away");
    try {
      assertThatThrownBy(buffer::flush).isInstanceOf(DataAccessException.class);
      buffer.record(id);
    } finally {
      sql.execute("alter table app.pitch_view_minutes_away rename to pitch_view_minutes");
    }

    assertThat(buffer.unflushed(id)).isEqualTo(2);
    assertThat(buffer.flush()).isEqualTo(2);
    assertThat(pitches.viewCount(id)).isEqualTo(2);
  }

  @Test
  void views_recorded_concurrently_with_flushes_are_counted_exactly() throws Exception {
    ViewBuffer buffer = new ViewBuffer(sql, clock);
    long id = pitches.insertPublished("Busy");
    int threads = 4;
    int viewsEach = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> recorders = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        recorders.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < viewsEach; i++) {
                    buffer.record(id);
                  }
                  return null;
                }));
      }
      go.countDown();
      while (!recorders.stream().allMatch(Future::isDone)) {
        buffer.flush();
      }
      for (Future<?> recorder : recorders) {
        recorder.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    buffer.flush();

    assertThat(pitches.viewCount(id)).isEqualTo((long) threads * viewsEach);
    assertThat(buffer.unflushed(id)).isZero();
  }

  @Test
  void closing_the_flusher_writes_what_is_left() {
    ViewBuffer buffer = new ViewBuffer(sql, clock);
    long id = pitches.insertPublished("Last Views");
    ViewFlusher flusher = ViewFlusher.start(buffer, Duration.ofHours(1));
    buffer.record(id);

    flusher.close();

    assertThat(pitches.viewCount(id)).isEqualTo(1);
  }

  private static long minuteViews(long pitchId, Instant minute) {
    return sql.select(PITCH_VIEW_MINUTES.VIEWS)
        .from(PITCH_VIEW_MINUTES)
        .where(PITCH_VIEW_MINUTES.PITCH_ID.eq(pitchId))
        .and(PITCH_VIEW_MINUTES.MINUTE.eq(minute))
        .fetchSingle(PITCH_VIEW_MINUTES.VIEWS);
  }
}
