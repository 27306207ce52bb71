package io.pitchey.api.user;

import static io.pitchey.api.db.schema.Tables.USERS;

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
            USERS.ID, USERS.HANDLE, USERS.DISPLAY_NAME, USERS.EMAIL, USERS.BIO, USERS.CREATED_AT)
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
                    row.get(USERS.CREATED_AT)));
  }
}
