package io.pitchey.api.pitch;

import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;

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
            PITCHES.ID,
            PITCHES.TITLE,
            PITCHES.LOGLINE,
            PITCHES.GENRE,
            PITCHES.STATUS,
            PITCHES.VIEW_COUNT,
            PITCHES.CREATED_AT,
            PITCHES.UPDATED_AT,
            USERS.ID,
            USERS.HANDLE,
            USERS.DISPLAY_NAME)
        .from(PITCHES)
        .join(USERS)
        .on(USERS.ID.eq(PITCHES.OWNER_ID))
        .where(PITCHES.ID.eq(id))
        .and(PITCHES.STATUS.ne(DRAFT))
        .fetchOptional(PitchRepository::toPitch);
  }

  private static Pitch toPitch(Record row) {
    return new Pitch(
        row.get(PITCHES.ID),
        row.get(PITCHES.TITLE),
        row.get(PITCHES.LOGLINE),
        row.get(PITCHES.GENRE),
        row.get(PITCHES.STATUS),
        row.get(PITCHES.VIEW_COUNT),
        new Pitch.Owner(row.get(USERS.ID), row.get(USERS.HANDLE), row.get(USERS.DISPLAY_NAME)),
        row.get(PITCHES.CREATED_AT),
        row.get(PITCHES.UPDATED_AT));
  }
}
