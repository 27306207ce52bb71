package io.pitchey.api.live;

import static io.pitchey.api.db.schema.Tables.PITCH_VIEW_MINUTES;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Counts pitch views in memory and writes them in one batched statement per {@link #flush()}, so a
 * popular pitch costs one row update per flush instead of one per view.
 *
 * <p>Exact: every recorded view is written once. Each pitch has a {@link LongAdder} that only grows
 * and a count of the views already written; a flush writes the difference and advances the written
 * count only after the statement committed. A failed flush therefore leaves its views to the next
 * one, and nothing is lost while the process lives (a crash loses at most the unflushed views).
 *
 * <p>A flush adds to {@code app.pitches.view_count} and to the flush minute's row in {@code
 * app.pitch_view_minutes} (what is trending), atomically. The minute comes from the injected clock.
 * Minute rows older than {@link #MINUTES_KEPT} are pruned.
 *
 * <p>Only pitches the caller checked to be public are recorded, which bounds the memory held to one
 * small entry per public pitch. Thread-safe; flushes are serialised.
 */
public final class ViewBuffer {
  /** How long views per minute are kept: longer than any trending window. */
  public static final Duration MINUTES_KEPT = Duration.ofDays(1);

  private static final String ADD_VIEWS =
      """
      with delta (pitch_id, views) as (
        select * from unnest({0}, {1})
      ), counted as (
        update app.pitches p set view_count = p.view_count + delta.views
        from delta where p.id = delta.pitch_id
        returning p.id, delta.views
      )
      insert into app.pitch_view_minutes (pitch_id, minute, views)
      select id, {2}, views from counted
      on conflict (pitch_id, minute)
      do update set views = app.pitch_view_minutes.views + excluded.views
      """;

  private final Map<Long, Counter> counters = new ConcurrentHashMap<>();
  private final DSLContext sql;
  private final Clock clock;
  private final Object flushing = new Object();
  private Instant prunedAt = Instant.EPOCH; // guarded by flushing

  public ViewBuffer(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Counts one view of a public pitch. Never blocks on the database. */
  public void record(long pitchId) {
    counters.computeIfAbsent(pitchId, id -> new Counter()).recorded.increment();
  }

  /** Views of the pitch recorded but not yet written. */
  public long unflushed(long pitchId) {
    Counter counter = counters.get(pitchId);
    return counter == null ? 0 : counter.unwritten();
  }

  /**
   * The pitch's written views, as {@code written} reads them from the database, plus its unwritten
   * ones. Read while no flush runs, so a flush cannot move views between the two parts (counting
   * them twice or not at all); empty when {@code written} is.
   */
  public Optional<Long> total(long pitchId, Supplier<Optional<Long>> written) {
    synchronized (flushing) {
      return written.get().map(stored -> stored + unflushed(pitchId));
    }
  }

  /**
   * Writes every unwritten view in one statement.
   *
   * @return the views written
   * @throws org.jooq.exception.DataAccessException if the database failed; the views stay pending
   */
  public long flush() {
    synchronized (flushing) {
      List<Long> ids = new ArrayList<>();
      List<Long> deltas = new ArrayList<>();
      List<Counter> flushed = new ArrayList<>();
      counters.forEach(
          (id, counter) -> {
            long delta = counter.unwritten();
            if (delta > 0) {
              ids.add(id);
              deltas.add(delta);
              flushed.add(counter);
            }
          });
      Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
      long written = 0;
      if (!ids.isEmpty()) {
        sql.execute(
            ADD_VIEWS,
            DSL.val(ids.toArray(Long[]::new), SQLDataType.BIGINT.getArrayDataType()),
            DSL.val(deltas.toArray(Long[]::new), SQLDataType.BIGINT.getArrayDataType()),
            DSL.val(minute, SQLDataType.INSTANT));
        for (int i = 0; i < flushed.size(); i++) {
          flushed.get(i).written += deltas.get(i);
          written += deltas.get(i);
        }
        pruneOnceAMinute(minute); // only when views came: an idle instance sends no queries
      }
      return written;
    }
  }

  private void pruneOnceAMinute(Instant minute) {
    if (minute.isAfter(prunedAt)) {
      sql.deleteFrom(PITCH_VIEW_MINUTES)
          .where(PITCH_VIEW_MINUTES.MINUTE.lt(minute.minus(MINUTES_KEPT)))
          .execute();
      prunedAt = minute;
    }
  }

  /** One pitch's views: all recorded, and those of them written. */
  private static final class Counter {
    final LongAdder recorded = new LongAdder();

    /** Written by the flushing thread only, read by any. */
    volatile long written;

    /**
     * Never negative: {@code recorded} only grows, and its sum is at least every increment that
     * completed before the call, which includes every view counted in {@code written}.
     */
    long unwritten() {
      return Math.max(0, recorded.sum() - written);
    }
  }
}
