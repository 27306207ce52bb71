package io.pitchey.api.demo;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;
import static io.pitchey.api.db.schema.Tables.PITCHES;
import static org.jooq.impl.DSL.any;

import io.pitchey.api.auth.Tokens;
import io.pitchey.api.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Fills the application schema with realistic demo users and pitches, and issues API tokens; the
 * {@code pitchey demo} and {@code pitchey seed} commands and the load tests use it.
 *
 * <p>Seeding is repeatable: the same seed yields the same users (identified by handle) and the same
 * pitches, and a second run only tops up what is missing, so running it twice leaves {@code users}
 * users owning {@code pitches} pitches. Changing the counts grows the set; it never shrinks it.
 * Concurrent seeders take turns (a transaction-scoped advisory lock), so they cannot both top up.
 *
 * <p>Rows go in with {@code COPY}, in one transaction: 100,000 pitches, each with a few sentences
 * of searchable text, take seconds rather than minutes. Most of that time is PostgreSQL computing
 * each pitch's {@code search_vector} and indexing it; for large loads the pitch indexes are dropped
 * and built again once ({@link DeferredIndexes}), which locks {@code app.pitches} until the seed
 * commits.
 */
public final class DemoData {
  /** From this many new pitches on, indexes are built once after the load instead of per row. */
  private static final int BULK = 20_000;

  private static final String LOCK = "select pg_advisory_xact_lock(hashtext('pitchey.demo-seed'))";

  private DemoData() {}

  /**
   * Ensures {@code users} demo users and {@code pitches} pitches owned by them exist.
   *
   * @param randomSeed picks names, titles, texts, genres, statuses and view counts
   */
  public static SeedReport seed(DataSource dataSource, int users, int pitches, long randomSeed) {
    if (users < 1 || pitches < 0) {
      throw new IllegalArgumentException("need at least one user and no negative pitch count");
    }
    DemoContent content = new DemoContent(randomSeed, Instant.now());
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        SeedReport report = seed(connection, content, users, pitches);
        connection.commit();
        return report;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("seeding the demo data failed: " + e.getMessage(), e);
    }
  }

  private static SeedReport seed(Connection connection, DemoContent content, int users, int pitches)
      throws SQLException {
    DSLContext db =
        DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    db.execute(LOCK);
    List<DemoContent.DemoUser> demoUsers =
        IntStream.range(0, users).mapToObj(content::user).toList();
    int usersInserted = DemoUsers.insertMissing(connection, db, demoUsers);
    List<Long> userIds = DemoUsers.idsInIndexOrder(db, users);
    Long[] owners = userIds.toArray(Long[]::new);
    int existing = db.fetchCount(PITCHES, PITCHES.OWNER_ID.eq(any(owners)));
    // invented while they are copied, so Java writes one chunk while PostgreSQL indexes the last
    List<DemoContent.DemoPitch> missing =
        new AbstractList<>() {
          @Override
          public DemoContent.DemoPitch get(int index) {
            return content.pitch(existing + index, users);
          }

          @Override
          public int size() {
            return Math.max(0, pitches - existing);
          }
        };
    long pitchesInserted;
    if (missing.size() >= BULK) {
      DeferredIndexes indexes = DeferredIndexes.drop(db, "app", "pitches");
      pitchesInserted = copyPitches(connection, missing, userIds);
      indexes.rebuild();
    } else {
      pitchesInserted = copyPitches(connection, missing, userIds);
    }
    List<Long> publicPitchIds =
        db.select(PITCHES.ID)
            .from(PITCHES)
            .where(PITCHES.OWNER_ID.eq(any(owners)))
            .and(PITCHES.STATUS.ne("draft"))
            .orderBy(PITCHES.ID)
            .fetch(PITCHES.ID);
    return new SeedReport(userIds, publicPitchIds, usersInserted, Math.toIntExact(pitchesInserted));
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

  private static long copyPitches(
      Connection connection, List<DemoContent.DemoPitch> pitches, List<Long> userIds)
      throws SQLException {
    return CopyRows.copy(
        connection,
        "app.pitches (owner_id, title, logline, synopsis, genre, status, view_count, created_at,"
            + " updated_at)",
        pitches,
        (pitch, row) ->
            row.add(userIds.get(pitch.ownerIndex()))
                .add(pitch.title())
                .add(pitch.logline())
                .add(pitch.synopsis())
                .add(pitch.genre())
                .add(pitch.status())
                .add(pitch.viewCount())
                .add(pitch.createdAt())
                .add(pitch.updatedAt()));
  }
}
