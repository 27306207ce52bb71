package io.pitchey.api.user;

import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;
import static org.jooq.impl.DSL.selectCount;

import io.pitchey.api.db.ReadPath;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Reads users; one query per method. Thread-safe. */
public final class UserRepository {
  private final ReadPath reads;

  /** Every read once, on {@code sql}. */
  public UserRepository(DSLContext sql) {
    this(ReadPath.direct(sql));
  }

  /** Reads where {@code reads} runs them, e.g. the replica with retries. */
  public UserRepository(ReadPath reads) {
    this.reads = reads;
  }

  public Optional<User> find(long id) {
    return reads.run(
        sql ->
            sql.select(
                    USERS.ID,
                    USERS.HANDLE,
                    USERS.DISPLAY_NAME,
                    USERS.EMAIL,
                    USERS.BIO,
                    USERS.CREATED_AT)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .fetchOptional(
                    row ->
                        new User(
                            row.get(USERS.ID),
                            row.get(USERS.HANDLE),
                            row.get(USERS.DISPLAY_NAME),
                            row.get(USERS.EMAIL),
                            row.get(USERS.BIO),
                            row.get(USERS.CREATED_AT))));
  }

  /** The public profile, its pitch count read by the owner index in the same query. */
  public Optional<UserProfile> findProfile(long id) {
    Field<Integer> publicPitches =
        selectCount()
            .from(PITCHES)
            .where(PITCHES.OWNER_ID.eq(USERS.ID))
            .and(PITCHES.STATUS.ne("draft"))
            .asField("public_pitches");
    return reads.run(
        sql ->
            sql.select(
                    USERS.ID,
                    USERS.HANDLE,
                    USERS.DISPLAY_NAME,
                    USERS.BIO,
                    USERS.CREATED_AT,
                    publicPitches)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .fetchOptional(
                    row ->
                        new UserProfile(
                            row.get(USERS.ID),
                            row.get(USERS.HANDLE),
                            row.get(USERS.DISPLAY_NAME),
                            row.get(USERS.BIO),
                            row.get(USERS.CREATED_AT),
                            row.get(publicPitches))));
  }
}
