package io.pitchey.api.support;

import io.pitchey.api.db.AppSchema.Pitches;
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
            Pitches.TABLE,
            Pitches.OWNER_ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.GENRE,
            Pitches.STATUS)
        .values(ownerId, title, "A test pitch.", "drama", status)
        .returningResult(Pitches.ID)
        .fetchSingle(Pitches.ID);
  }

  /** A pitch with every listed attribute chosen; the rest as {@link #insert(String, String)}. */
  public long insert(String title, String status, String genre, Instant createdAt, long viewCount) {
    return sql.insertInto(
            Pitches.TABLE,
            Pitches.OWNER_ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.GENRE,
            Pitches.STATUS,
            Pitches.VIEW_COUNT,
            Pitches.CREATED_AT,
            Pitches.UPDATED_AT)
        .values(ownerId, title, "A test pitch.", genre, status, viewCount, createdAt, createdAt)
        .returningResult(Pitches.ID)
        .fetchSingle(Pitches.ID);
  }

  /** A published pitch with searchable text. */
  public long insertText(String title, String logline, String synopsis) {
    return sql.insertInto(
            Pitches.TABLE,
            Pitches.OWNER_ID,
            Pitches.TITLE,
            Pitches.LOGLINE,
            Pitches.SYNOPSIS,
            Pitches.GENRE,
            Pitches.STATUS)
        .values(ownerId, title, logline, synopsis, "drama", "published")
        .returningResult(Pitches.ID)
        .fetchSingle(Pitches.ID);
  }

  /** The stored view count. */
  public long viewCount(long id) {
    return sql.select(Pitches.VIEW_COUNT)
        .from(Pitches.TABLE)
        .where(Pitches.ID.eq(id))
        .fetchSingle(Pitches.VIEW_COUNT);
  }

  public long insertPublished(String title) {
    return insert(title, "published");
  }

  public void retitle(long id, String title) {
    sql.update(Pitches.TABLE).set(Pitches.TITLE, title).where(Pitches.ID.eq(id)).execute();
  }
}
