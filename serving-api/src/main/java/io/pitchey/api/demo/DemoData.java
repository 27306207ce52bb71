package io.pitchey.api.demo;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;
import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;
import static org.jooq.impl.DSL.any;

import io.pitchey.api.auth.Tokens;
import io.pitchey.api.db.Database;
import io.pitchey.api.db.schema.tables.records.PitchesRecord;
import io.pitchey.api.db.schema.tables.records.UsersRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.InsertValuesStep8;

/**
 * Fills the application schema with realistic demo users and pitches, and issues API tokens; the
 * {@code pitchey demo} command and the load tests use it.
 *
 * <p>Seeding is repeatable: the same seed yields the same users (identified by handle) and the same
 * pitches, and a second run only tops up what is missing, so running it twice leaves {@code users}
 * users owning {@code pitches} pitches. Changing the counts grows the set; it never shrinks it.
 */
public final class DemoData {
  private static final int ROWS_PER_INSERT = 1_000;

  private DemoData() {}

  /**
   * Ensures {@code users} demo users and {@code pitches} pitches owned by them exist.
   *
   * @param randomSeed picks names, titles, genres, statuses and view counts
   */
  public static SeedReport seed(DataSource dataSource, int users, int pitches, long randomSeed) {
    if (users < 1 || pitches < 0) {
      throw new IllegalArgumentException("need at least one user and no negative pitch count");
    }
    DSLContext sql = Database.using(dataSource);
    DemoContent content = new DemoContent(randomSeed, Instant.now());
    return sql.transactionResult(
        tx -> {
          DSLContext db = tx.dsl();
          List<DemoContent.DemoUser> demoUsers =
              IntStream.range(0, users).mapToObj(content::user).toList();
          int usersInserted = insertUsers(db, demoUsers);
          List<Long> userIds = idsOf(db, demoUsers);
          int existing =
              db.fetchCount(PITCHES, PITCHES.OWNER_ID.eq(any(userIds.toArray(Long[]::new))));
          List<DemoContent.DemoPitch> missing =
              IntStream.range(existing, Math.max(existing, pitches))
                  .mapToObj(i -> content.pitch(i, users))
                  .toList();
          int pitchesInserted = insertPitches(db, missing, userIds);
          return new SeedReport(
              userIds, publicPitchIds(db, userIds), usersInserted, pitchesInserted);
        });
  }

  /**
   * Issues a new API token for {@code userId}, stores only its SHA-256, and returns the token: this
   * is the only time it can be seen. The token does not expire.
   */
  public static String createToken(DataSource dataSource, long userId) {
    String token = Tokens.newToken();
    Database.using(dataSource)
        .insertInto(API_TOKENS, API_TOKENS.TOKEN_SHA256, API_TOKENS.USER_ID)
        .values(Tokens.sha256(token), userId)
        .execute();
    return token;
  }

  private static int insertUsers(DSLContext db, List<DemoContent.DemoUser> users) {
    int inserted = 0;
    for (List<DemoContent.DemoUser> chunk : chunks(users)) {
      InsertValuesStep5<UsersRecord, String, String, String, String, Instant> insert =
          db.insertInto(
              USERS, USERS.HANDLE, USERS.DISPLAY_NAME, USERS.EMAIL, USERS.BIO, USERS.CREATED_AT);
      for (DemoContent.DemoUser user : chunk) {
        insert =
            insert.values(
                user.handle(), user.displayName(), user.email(), user.bio(), user.createdAt());
      }
      inserted += insert.onConflictDoNothing().execute();
    }
    return inserted;
  }

  private static List<Long> idsOf(DSLContext db, List<DemoContent.DemoUser> users) {
    String[] handles = users.stream().map(DemoContent.DemoUser::handle).toArray(String[]::new);
    Map<String, Long> idByHandle =
        db.select(USERS.HANDLE, USERS.ID)
            .from(USERS)
            .where(USERS.HANDLE.eq(any(handles)))
            .fetchMap(USERS.HANDLE, USERS.ID);
    List<Long> ids = new ArrayList<>(handles.length);
    for (String handle : handles) {
      Long id = idByHandle.get(handle);
      if (id == null) {
        // only if another user already holds the e-mail address: a clash with non-demo data
        throw new IllegalStateException("demo user " + handle + " could not be created");
      }
      ids.add(id);
    }
    return ids;
  }

  private static int insertPitches(
      DSLContext db, List<DemoContent.DemoPitch> pitches, List<Long> userIds) {
    int inserted = 0;
    for (List<DemoContent.DemoPitch> chunk : chunks(pitches)) {
      InsertValuesStep8<PitchesRecord, Long, String, String, String, String, Long, Instant, Instant>
          insert =
              db.insertInto(
                  PITCHES,
                  PITCHES.OWNER_ID,
                  PITCHES.TITLE,
                  PITCHES.LOGLINE,
                  PITCHES.GENRE,
                  PITCHES.STATUS,
                  PITCHES.VIEW_COUNT,
                  PITCHES.CREATED_AT,
                  PITCHES.UPDATED_AT);
      for (DemoContent.DemoPitch pitch : chunk) {
        insert =
            insert.values(
                userIds.get(pitch.ownerIndex()),
                pitch.title(),
                pitch.logline(),
                pitch.genre(),
                pitch.status(),
                pitch.viewCount(),
                pitch.createdAt(),
                pitch.updatedAt());
      }
      inserted += insert.execute();
    }
    return inserted;
  }

  private static List<Long> publicPitchIds(DSLContext db, List<Long> userIds) {
    return db.select(PITCHES.ID)
        .from(PITCHES)
        .where(PITCHES.OWNER_ID.eq(any(userIds.toArray(Long[]::new))))
        .and(PITCHES.STATUS.ne("draft"))
        .orderBy(PITCHES.ID)
        .fetch(PITCHES.ID);
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += ROWS_PER_INSERT) {
      chunks.add(items.subList(from, Math.min(items.size(), from + ROWS_PER_INSERT)));
    }
    return chunks;
  }
}
