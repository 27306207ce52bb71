package io.pitchey.api.support;

import io.pitchey.api.db.AppSchema.Pitches;
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

  public long insertPublished(String title) {
    return insert(title, "published");
  }

  public void retitle(long id, String title) {
    sql.update(Pitches.TABLE).set(Pitches.TITLE, title).where(Pitches.ID.eq(id)).execute();
  }
}
