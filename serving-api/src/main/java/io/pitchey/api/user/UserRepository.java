package io.pitchey.api.user;

import io.pitchey.api.db.AppSchema.Users;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads users. Thread-safe. */
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
}
