package io.pitchey.api.live;

import static org.jooq.impl.DSL.sum;

import io.pitchey.api.db.AppSchema.PitchViewMinutes;
import io.pitchey.api.db.AppSchema.Pitches;
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
    Field<BigDecimal> recent = sum(PitchViewMinutes.VIEWS).as("recent_views");
    return sql.select(Pitches.ID, Pitches.TITLE, Pitches.GENRE, Pitches.VIEW_COUNT, recent)
        .from(PitchViewMinutes.TABLE)
        .join(Pitches.TABLE)
        .on(Pitches.ID.eq(PitchViewMinutes.PITCH_ID))
        .where(PitchViewMinutes.MINUTE.ge(since))
        .and(Pitches.STATUS.ne("draft"))
        .groupBy(Pitches.ID, Pitches.TITLE, Pitches.GENRE, Pitches.VIEW_COUNT)
        .orderBy(recent.desc(), Pitches.ID)
        .limit(limit)
        .fetch(
            row ->
                new TrendingPitch(
                    row.get(Pitches.ID),
                    row.get(Pitches.TITLE),
                    row.get(Pitches.GENRE),
                    row.get(recent).longValueExact(),
                    row.get(Pitches.VIEW_COUNT)));
  }
}
