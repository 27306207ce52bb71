package io.pitchey.api.live;

import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.PITCH_VIEW_MINUTES;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Reads which public pitches were viewed most since a minute. One query. Thread-safe. */
public final class TrendingRepository {
  private final DSLContext sql;

  public TrendingRepository(DSLContext sql) {
    this.sql = sql;
  }

  public List<TrendingPitch> since(Instant since, int limit) {
    Field<BigDecimal> recent = sum(PITCH_VIEW_MINUTES.VIEWS).as("recent_views");
    return sql.select(PITCHES.ID, PITCHES.TITLE, PITCHES.GENRE, PITCHES.VIEW_COUNT, recent)
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
                    row.get(PITCHES.VIEW_COUNT)));
  }
}
