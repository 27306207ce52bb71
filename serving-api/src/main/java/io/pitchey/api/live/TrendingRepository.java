package io.pitchey.api.live;

import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.PITCH_VIEW_MINUTES;
import static org.jooq.impl.DSL.sum;

import io.pitchey.api.db.ReadPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Reads which public pitches were viewed most since a minute. One query. Thread-safe. */
public final class TrendingRepository {
  private final ReadPath reads;

  /** Every read once, on {@code sql}. */
  public TrendingRepository(DSLContext sql) {
    this(ReadPath.direct(sql));
  }

  /** Reads where {@code reads} runs them, e.g. the replica with retries. */
  public TrendingRepository(ReadPath reads) {
    this.reads = reads;
  }

  public List<TrendingPitch> since(Instant since, int limit) {
    Field<BigDecimal> recent = sum(PITCH_VIEW_MINUTES.VIEWS).as("recent_views");
    return reads.run(
        sql ->
            sql.select(PITCHES.ID, PITCHES.TITLE, PITCHES.GENRE, PITCHES.VIEW_COUNT, recent)
                .from(PITCH_VIEW_MINUTES)
                .join(PITCHES)
                .on(PITCHES.ID.eq(PITCH_VIEW_MINUTES.PITCH_ID))
                .where(PITCH_VIEW_MINUTES.MINUTE.ge(since))
                .and(PITCHES.STATUS.ne("draft"))
                .groupBy(PITCHES.ID, PITCHES.TITLE, PITCHES.GENRE, PITCHES.VIEW_COUNT)
                .orderBy(recent.desc(), PITCHES.ID)
                .limit(limit)
                .fetch(
                    row ->
                        new TrendingPitch(
                            row.get(PITCHES.ID),
                            row.get(PITCHES.TITLE),
                            row.get(PITCHES.GENRE),
                            row.get(recent).longValueExact(),
                            row.get(PITCHES.VIEW_COUNT))));
  }
}
