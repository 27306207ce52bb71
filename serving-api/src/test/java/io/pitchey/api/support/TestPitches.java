package io.pitchey.api.support;

import static io.pitchey.api.db.schema.Tables.PITCHES;

import io.pitchey.api.db.Database;
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

  public long insertPublished(String title) {
    return insert(title, "published");
  }

  public void retitle(long id, String title) {
    sql.update(PITCHES).set(PITCHES.TITLE, title).where(PITCHES.ID.eq(id)).execute();
  }
}
