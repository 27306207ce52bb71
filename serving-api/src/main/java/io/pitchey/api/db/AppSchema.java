package io.pitchey.api.db;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;
import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The former hand-written names of the {@code app} schema, now aliases of the generated classes in
 * {@link io.pitchey.api.db.schema}. Kept only so code written against it compiles; write new code
 * against {@link io.pitchey.api.db.schema.Tables} ({@code AppSchema.Pitches.TABLE} is {@code
 * PITCHES}, {@code AppSchema.Pitches.TITLE} is {@code PITCHES.TITLE}, and so on).
 *
 * @deprecated use {@link io.pitchey.api.db.schema.Tables} and the generated records
 */
@Deprecated(forRemoval = true)
public final class AppSchema {
  private AppSchema() {}

  /** {@code app.users}. */
  public static final class Users {
    public static final Table<Record> TABLE = untyped(USERS);
    public static final Field<Long> ID = USERS.ID;
    public static final Field<String> HANDLE = USERS.HANDLE;
    public static final Field<String> DISPLAY_NAME = USERS.DISPLAY_NAME;
    public static final Field<String> EMAIL = USERS.EMAIL;
    public static final Field<String> BIO = USERS.BIO;
    public static final Field<Instant> CREATED_AT = USERS.CREATED_AT;

    private Users() {}
  }

  /**
   * {@code app.pitches}; {@code status} is {@code draft}, {@code published} or {@code archived}.
   */
  public static final class Pitches {
    public static final Table<Record> TABLE = untyped(PITCHES);
    public static final Field<Long> ID = PITCHES.ID;
    public static final Field<Long> OWNER_ID = PITCHES.OWNER_ID;
    public static final Field<String> TITLE = PITCHES.TITLE;
    public static final Field<String> LOGLINE = PITCHES.LOGLINE;
    public static final Field<String> SYNOPSIS = PITCHES.SYNOPSIS;
    public static final Field<String> GENRE = PITCHES.GENRE;
    public static final Field<String> STATUS = PITCHES.STATUS;
    public static final Field<Long> VIEW_COUNT = PITCHES.VIEW_COUNT;
    public static final Field<Instant> CREATED_AT = PITCHES.CREATED_AT;
    public static final Field<Instant> UPDATED_AT = PITCHES.UPDATED_AT;

    /** A {@code tsvector}, which jOOQ has no Java type for: use it inside SQL templates. */
    public static final Field<Object> SEARCH_VECTOR = PITCHES.SEARCH_VECTOR;

    private Pitches() {}
  }

  /** {@code app.api_tokens}: the SHA-256 of each token, never the token. */
  public static final class ApiTokens {
    public static final Table<Record> TABLE = untyped(API_TOKENS);
    public static final Field<byte[]> TOKEN_SHA256 = API_TOKENS.TOKEN_SHA256;
    public static final Field<Long> USER_ID = API_TOKENS.USER_ID;
    public static final Field<Instant> CREATED_AT = API_TOKENS.CREATED_AT;
    public static final Field<Instant> EXPIRES_AT = API_TOKENS.EXPIRES_AT;

    private ApiTokens() {}
  }

  /**
   * The generated table seen as a table of plain records, the type the hand-written names had.
   * Safe: every generated record is a {@link Record}, and the table is only ever read from or
   * written to through its fields.
   */
  @SuppressWarnings("unchecked")
  private static Table<Record> untyped(Table<? extends Record> table) {
    return (Table<Record>) table;
  }
}
