package io.pitchey.api.pitch;

import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;

import io.pitchey.api.db.ReadPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;

/** Reads and writes pitches; one query per method. Thread-safe. */
public final class PitchRepository {
  /** What a list shows of each pitch: all but the synopsis, with the owner's public identity. */
  private static final List<SelectField<?>> SUMMARY_FIELDS =
      List.of(
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
          USERS.DISPLAY_NAME);

  private final DSLContext sql;
  private final ReadPath reads;

  /** Reads and writes on {@code sql}. */
  public PitchRepository(DSLContext sql) {
    this(sql, ReadPath.direct(sql));
  }

  /**
   * @param sql where writes go: the primary
   * @param reads where reads go, e.g. the replica with retries
   */
  public PitchRepository(DSLContext sql, ReadPath reads) {
    this.sql = sql;
    this.reads = reads;
  }

  /** The pitch with its owner, unless it does not exist or is a draft. */
  public Optional<Pitch> findPublic(long id) {
    return find(PITCHES.ID.eq(id).and(PITCHES.STATUS.ne(PitchStatus.DRAFT)));
  }

  /** The pitch with its owner, whatever its status: for its owner's eyes. */
  public Optional<Pitch> find(long id) {
    return find(PITCHES.ID.eq(id));
  }

  private Optional<Pitch> find(Condition condition) {
    return reads.run(sql -> findOn(sql, condition));
  }

  private static Optional<Pitch> findOn(DSLContext sql, Condition condition) {
    return withOwners(sql, SUMMARY_FIELDS, PITCHES.SYNOPSIS)
        .where(condition)
        .fetchOptional(PitchRepository::toPitch);
  }

  /**
   * One page of a list, plus one look-ahead row: at most {@code size + 1} summaries, the last only
   * telling whether a next page exists.
   */
  public List<PitchSummary> list(PitchListQuery query) {
    Condition status = PITCHES.STATUS.eq(query.status());
    Condition where =
        query.genre().map(genre -> status.and(PITCHES.GENRE.eq(genre))).orElse(status);
    return reads.run(sql -> page(sql, where, query));
  }

  private static List<PitchSummary> page(DSLContext sql, Condition where, PitchListQuery query) {
    return withOwners(sql, SUMMARY_FIELDS)
        .where(where)
        .orderBy(order(query.sort()))
        .limit(query.size() + 1)
        .offset(query.offset())
        .fetch(PitchRepository::toSummary);
  }

  private static SelectJoinStep<Record> withOwners(
      DSLContext sql, List<SelectField<?>> fields, SelectField<?>... more) {
    List<SelectField<?>> all = new ArrayList<>(fields);
    all.addAll(List.of(more));
    return sql.select(all).from(PITCHES.join(USERS).on(USERS.ID.eq(PITCHES.OWNER_ID)));
  }

  private static List<SortField<?>> order(PitchSort sort) {
    return switch (sort) {
      case NEWEST -> List.of(PITCHES.CREATED_AT.desc(), PITCHES.ID.desc());
      case OLDEST -> List.of(PITCHES.CREATED_AT.asc(), PITCHES.ID.asc());
      case MOST_VIEWED -> List.of(PITCHES.VIEW_COUNT.desc(), PITCHES.ID.desc());
      case TITLE -> List.of(PITCHES.TITLE.asc(), PITCHES.ID.asc());
    };
  }

  /** Stores a new pitch of {@code ownerId}; returns its id. */
  public long insert(long ownerId, PitchDraft draft, Instant now) {
    return sql.insertInto(
            PITCHES,
            PITCHES.OWNER_ID,
            PITCHES.TITLE,
            PITCHES.LOGLINE,
            PITCHES.SYNOPSIS,
            PITCHES.GENRE,
            PITCHES.STATUS,
            PITCHES.CREATED_AT,
            PITCHES.UPDATED_AT)
        .values(
            ownerId,
            draft.title(),
            draft.logline(),
            draft.synopsis(),
            draft.genre(),
            draft.status(),
            now,
            now)
        .returningResult(PITCHES.ID)
        .fetchSingle(PITCHES.ID);
  }

  /** Replaces the pitch's fields if {@code ownerId} owns it; false if it does not (or is gone). */
  public boolean updateOwned(long id, long ownerId, PitchDraft draft, Instant now) {
    return sql.update(PITCHES)
            .set(PITCHES.TITLE, draft.title())
            .set(PITCHES.LOGLINE, draft.logline())
            .set(PITCHES.SYNOPSIS, draft.synopsis())
            .set(PITCHES.GENRE, draft.genre())
            .set(PITCHES.STATUS, draft.status())
            .set(PITCHES.UPDATED_AT, now)
            .where(PITCHES.ID.eq(id))
            .and(PITCHES.OWNER_ID.eq(ownerId))
            .execute()
        == 1;
  }

  /** Deletes the pitch if {@code ownerId} owns it; false if it does not (or is gone). */
  public boolean deleteOwned(long id, long ownerId) {
    return sql.deleteFrom(PITCHES)
            .where(PITCHES.ID.eq(id))
            .and(PITCHES.OWNER_ID.eq(ownerId))
            .execute()
        == 1;
  }

  /** Who owns the pitch and whether it is public: why a write was refused. */
  public Optional<Ownership> ownership(long id) {
    return sql.select(PITCHES.OWNER_ID, PITCHES.STATUS)
        .from(PITCHES)
        .where(PITCHES.ID.eq(id))
        .fetchOptional(
            row ->
                new Ownership(
                    row.get(PITCHES.OWNER_ID), PitchStatus.isPublic(row.get(PITCHES.STATUS))));
  }

  /** The owner of a pitch and whether others may see it. */
  public record Ownership(long ownerId, boolean isPublic) {}

  /** The stored view count of a public pitch; empty for unknown pitches and drafts. */
  public Optional<Long> publicViewCount(long id) {
    return reads.run(
        sql ->
            sql.select(PITCHES.VIEW_COUNT)
                .from(PITCHES)
                .where(PITCHES.ID.eq(id))
                .and(PITCHES.STATUS.ne(PitchStatus.DRAFT))
                .fetchOptional(PITCHES.VIEW_COUNT));
  }

  private static Pitch toPitch(Record row) {
    return new Pitch(
        row.get(PITCHES.ID),
        row.get(PITCHES.TITLE),
        row.get(PITCHES.LOGLINE),
        row.get(PITCHES.SYNOPSIS),
        row.get(PITCHES.GENRE),
        row.get(PITCHES.STATUS),
        row.get(PITCHES.VIEW_COUNT),
        owner(row),
        row.get(PITCHES.CREATED_AT),
        row.get(PITCHES.UPDATED_AT));
  }

  private static PitchSummary toSummary(Record row) {
    return new PitchSummary(
        row.get(PITCHES.ID),
        row.get(PITCHES.TITLE),
        row.get(PITCHES.LOGLINE),
        row.get(PITCHES.GENRE),
        row.get(PITCHES.STATUS),
        row.get(PITCHES.VIEW_COUNT),
        owner(row),
        row.get(PITCHES.CREATED_AT),
        row.get(PITCHES.UPDATED_AT));
  }

  private static Pitch.Owner owner(Record row) {
    return new Pitch.Owner(row.get(USERS.ID), row.get(USERS.HANDLE), row.get(USERS.DISPLAY_NAME));
  }
}
