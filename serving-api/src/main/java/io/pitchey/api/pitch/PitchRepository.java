package io.pitchey.api.pitch;

import io.pitchey.api.db.AppSchema.Pitches;
import io.pitchey.api.db.AppSchema.Users;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads pitches. Thread-safe. */
public final class PitchRepository {
  /** Drafts are their owner's alone; published and archived pitches are public. */
  static final String DRAFT = "draft";

  private final DSLContext sql;

  public PitchRepository(DSLContext sql) {
    this.sql = sql;
  }

  /** The pitch with its owner, unless it does not exist or is a draft. One query. */
  public Optional<Pitch> findPublic(long id) {
    return sql.select(
            Pitches.ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.GENRE,
            Pitches.STATUS,
            Pitches.VIEW_COUNT,
            Pitches.CREATED_AT,
            Pitches.UPDATED_AT,
            Users.ID,
            Users.HANDLE,
            Users.DISPLAY_NAME)
        .from(Pitches.TABLE)
        .join(Users.TABLE)
        .on(Users.ID.eq(Pitches.OWNER_ID))
        .where(Pitches.ID.eq(id))
        .and(Pitches.STATUS.ne(DRAFT))
        .fetchOptional(PitchRepository::toPitch);
  }

  private static Pitch toPitch(Record row) {
    return new Pitch(
        row.get(Pitches.ID),
        row.get(Pitches.TITLE),
        row.get(Pitches.LOGLINE),
        row.get(Pitches.GENRE),
        row.get(Pitches.STATUS),
        row.get(Pitches.VIEW_COUNT),
        new Pitch.Owner(row.get(Users.ID), row.get(Users.HANDLE), row.get(Users.DISPLAY_NAME)),
        row.get(Pitches.CREATED_AT),
        row.get(Pitches.UPDATED_AT));
  }
}
