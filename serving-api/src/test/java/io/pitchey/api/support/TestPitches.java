package io.pitchey.api.support;

import static io.pitchey.api.db.schema.Tables.PITCHES;

import io.pitchey.api.db.Database;
import java.time.Instant;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/** Writes pitches straight to the database, behind the API's back, as another writer would. */
public final class TestPitches {
  private final DSLContext sql;
  private final long ownerId;

  public TestPitches(DataSource dataSource, long ownerId) {
    this.sql = Database.using(dataSource);
    this.ownerId = ownerId;
  }

  public long insert(String title, String status) {
    return sql.insertInto(
            PITCHES,
            PITCHES.OWNER_ID,
            PITCHES.TITLE,
            PITCHES.LOGLINE,
            PITCHES.GENRE,
            PITCHES.STATUS)
        .values(ownerId, title, "A test pitch.", "drama", status)
        .returningResult(PITCHES.ID)
        .fetchSingle(PITCHES.ID);
  }

  /** A pitch with every listed attribute chosen; the rest as {@link #insert(String, String)}. */
  public long insert(String title, String status, String genre, Instant createdAt, long viewCount) {
    return sql.insertInto(
            PITCHES,
            PITCHES.OWNER_ID,
            PITCHES.TITLE,
            PITCHES.LOGLINE,
            PITCHES.GENRE,
            PITCHES.STATUS,
            PITCHES.VIEW_COUNT,
            PITCHES.CREATED_AT,
            PITCHES.UPDATED_AT)
        .values(ownerId, title, "A test pitch.", genre, status, viewCount, createdAt, createdAt)
        .returningResult(PITCHES.ID)
        .fetchSingle(PITCHES.ID);
  }

  /** A published pitch with searchable text. */
  public long insertText(String title, String logline, String synopsis) {
    return sql.insertInto(
            PITCHES,
            PITCHES.OWNER_ID,
            PITCHES.TITLE,
            PITCHES.LOGLINE,
            PITCHES.SYNOPSIS,
            PITCHES.GENRE,
            PITCHES.STATUS)
        .values(ownerId, title, logline, synopsis, "drama", "published")
        .returningResult(PITCHES.ID)
        .fetchSingle(PITCHES.ID);
  }

  /** The stored view count. */
  public long viewCount(long id) {
    return sql.select(PITCHES.VIEW_COUNT)
        .from(PITCHES)
        .where(PITCHES.ID.eq(id))
        .fetchSingle(PITCHES.VIEW_COUNT);
  }

  public long insertPublished(String title) {
    return insert(title, "published");
  }

  public void retitle(long id, String title) {
    sql.update(PITCHES).set(PITCHES.TITLE, title).where(PITCHES.ID.eq(id)).execute();
  }
}
