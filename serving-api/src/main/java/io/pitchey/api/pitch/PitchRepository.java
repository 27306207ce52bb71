package io.pitchey.api.pitch;

import io.pitchey.api.db.AppSchema.Pitches;
import io.pitchey.api.db.AppSchema.Users;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SortField;

/** Reads and writes pitches; one query per method. Thread-safe. */
public final class PitchRepository {
  private final DSLContext sql;

  public PitchRepository(DSLContext sql) {
    this.sql = sql;
  }

  /** The pitch with its owner, unless it does not exist or is a draft. */
  public Optional<Pitch> findPublic(long id) {
    return find(Pitches.ID.eq(id).and(Pitches.STATUS.ne(PitchStatus.DRAFT)));
  }

  /** The pitch with its owner, whatever its status: for its owner's eyes. */
  public Optional<Pitch> find(long id) {
    return find(Pitches.ID.eq(id));
  }

  private Optional<Pitch> find(Condition condition) {
    return sql.select(
            Pitches.ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.SYNOPSIS,
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
        .where(condition)
        .fetchOptional(PitchRepository::toPitch);
  }

  /**
   * One page of a list, plus one look-ahead row: at most {@code size + 1} summaries, the last only
   * telling whether a next page exists.
   */
  public List<PitchSummary> list(PitchListQuery query) {
    Condition where = Pitches.STATUS.eq(query.status());
    if (query.genre().isPresent()) {
      where = where.and(Pitches.GENRE.eq(query.genre().get()));
    }
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
        .where(where)
        .orderBy(order(query.sort()))
        .limit(query.size() + 1)
        .offset(query.offset())
        .fetch(PitchRepository::toSummary);
  }

  private static List<SortField<?>> order(PitchSort sort) {
    return switch (sort) {
      case NEWEST -> List.of(Pitches.CREATED_AT.desc(), Pitches.ID.desc());
      case OLDEST -> List.of(Pitches.CREATED_AT.asc(), Pitches.ID.asc());
      case MOST_VIEWED -> List.of(Pitches.VIEW_COUNT.desc(), Pitches.ID.desc());
      case TITLE -> List.of(Pitches.TITLE.asc(), Pitches.ID.asc());
    };
  }

  /** Stores a new pitch of {@code ownerId}; returns its id. */
  public long insert(long ownerId, PitchDraft draft, Instant now) {
    return sql.insertInto(
            Pitches.TABLE,
            Pitches.OWNER_ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.SYNOPSIS,
            Pitches.GENRE,
            Pitches.STATUS,
            Pitches.CREATED_AT,
            Pitches.UPDATED_AT)
        .values(
            ownerId,
            draft.title(),
            draft.logline(),
            draft.synopsis(),
            draft.genre(),
            draft.status(),
            now,
            now)
        .returningResult(Pitches.ID)
        .fetchSingle(Pitches.ID);
  }

  /** Replaces the pitch's fields if {@code ownerId} owns it; false if it does not (or is gone). */
  public boolean updateOwned(long id, long ownerId, PitchDraft draft, Instant now) {
    return sql.update(Pitches.TABLE)
            .set(Pitches.TITLE, draft.title())
            .set(Pitches.LOGLINE, draft.logline())
            .set(Pitches.SYNOPSIS, draft.synopsis())
            .set(Pitches.GENRE, draft.genre())
            .set(Pitches.STATUS, draft.status())
            .set(Pitches.UPDATED_AT, now)
            .where(Pitches.ID.eq(id))
            .and(Pitches.OWNER_ID.eq(ownerId))
            .execute()
        == 1;
  }

  /** Deletes the pitch if {@code ownerId} owns it; false if it does not (or is gone). */
  public boolean deleteOwned(long id, long ownerId) {
    return sql.deleteFrom(Pitches.TABLE)
            .where(Pitches.ID.eq(id))
            .and(Pitches.OWNER_ID.eq(ownerId))
            .execute()
        == 1;
  }

  /** Who owns the pitch and whether it is public: why a write was refused. */
  public Optional<Ownership> ownership(long id) {
    return sql.select(Pitches.OWNER_ID, Pitches.STATUS)
        .from(Pitches.TABLE)
        .where(Pitches.ID.eq(id))
        .fetchOptional(
            row ->
                new Ownership(
                    row.get(Pitches.OWNER_ID), PitchStatus.isPublic(row.get(Pitches.STATUS))));
  }

  /** The owner of a pitch and whether others may see it. */
  public record Ownership(long ownerId, boolean isPublic) {}

  /** The stored view count of a public pitch; empty for unknown pitches and drafts. */
  public Optional<Long> publicViewCount(long id) {
    return sql.select(Pitches.VIEW_COUNT)
        .from(Pitches.TABLE)
        .where(Pitches.ID.eq(id))
        .and(Pitches.STATUS.ne(PitchStatus.DRAFT))
        .fetchOptional(Pitches.VIEW_COUNT);
  }

  private static Pitch toPitch(Record row) {
    return new Pitch(
        row.get(Pitches.ID),
        row.get(Pitches.TITLE),
        row.get(Pitches.LOGLINE),
        row.get(Pitches.SYNOPSIS),
        row.get(Pitches.GENRE),
        row.get(Pitches.STATUS),
        row.get(Pitches.VIEW_COUNT),
        owner(row),
        row.get(Pitches.CREATED_AT),
        row.get(Pitches.UPDATED_AT));
  }

  private static PitchSummary toSummary(Record row) {
    return new PitchSummary(
        row.get(Pitches.ID),
        row.get(Pitches.TITLE),
        row.get(Pitches.LOGLINE),
        row.get(Pitches.GENRE),
        row.get(Pitches.STATUS),
        row.get(Pitches.VIEW_COUNT),
        owner(row),
        row.get(Pitches.CREATED_AT),
        row.get(Pitches.UPDATED_AT));
  }

  private static Pitch.Owner owner(Record row) {
    return new Pitch.Owner(row.get(Users.ID), row.get(Users.HANDLE), row.get(Users.DISPLAY_NAME));
  }
}
