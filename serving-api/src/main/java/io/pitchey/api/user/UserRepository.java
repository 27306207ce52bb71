package io.pitchey.api.user;

import static org.jooq.impl.DSL.selectCount;

import io.pitchey.api.db.AppSchema.Pitches;
import io.pitchey.api.db.AppSchema.Users;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Reads users; one query per method. Thread-safe. */
public final class UserRepository {
  private final DSLContext sql;

  public UserRepository(DSLContext sql) {
    this.sql = sql;
  }

  public Optional<User> find(long id) {
    return sql.select(
            Users.ID, Users.HANDLE, Users.DISPLAY_NAME, Users.EMAIL, Users.BIO, Users.CREATED_AT)
        .from(Users.TABLE)
        .where(Users.ID.eq(id))
        .fetchOptional(
            row ->
                new User(
                    row.get(Users.ID),
                    row.get(Users.HANDLE),
                    row.get(Users.DISPLAY_NAME),
                    row.get(Users.EMAIL),
                    row.get(Users.BIO),
                    row.get(Users.CREATED_AT)));
  }

  /** The public profile, its pitch count read by the owner index in the same query. */
  public Optional<UserProfile> findProfile(long id) {
    Field<Integer> publicPitches =
        selectCount()
            .from(Pitches.TABLE)
            .where(Pitches.OWNER_ID.eq(Users.ID))
            .and(Pitches.STATUS.ne("draft"))
            .asField("public_pitches");
    return sql.select(
            Users.ID, Users.HANDLE, Users.DISPLAY_NAME, Users.BIO, Users.CREATED_AT, publicPitches)
        .from(Users.TABLE)
        .where(Users.ID.eq(id))
        .fetchOptional(
            row ->
                new UserProfile(
                    row.get(Users.ID),
                    row.get(Users.HANDLE),
                    row.get(Users.DISPLAY_NAME),
                    row.get(Users.BIO),
                    row.get(Users.CREATED_AT),
                    row.get(publicPitches)));
  }
}
