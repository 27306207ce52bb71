package io.pitchey.api.db;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Typed names of the {@code app} schema (sql module, {@code V1__app_schema.sql}, {@code
 * V7__app_search_and_lists.sql}, {@code V8__app_recent_views.sql}), written by hand in the shape
 * jOOQ's code generator produces, so that generated classes can replace this file without touching
 * the queries. Until then this is the one place that must follow the migrations.
 */
public final class AppSchema {
  private static final String SCHEMA = "app";

  private AppSchema() {}

  /** {@code app.users}. */
  public static final class Users {
    public static final Table<Record> TABLE = table(name(SCHEMA, "users"));
    public static final Field<Long> ID = column("users", "id", SQLDataType.BIGINT);
    public static final Field<String> HANDLE = column("users", "handle", SQLDataType.CLOB);
    public static final Field<String> DISPLAY_NAME =
        column("users", "display_name", SQLDataType.CLOB);
    public static final Field<String> EMAIL = column("users", "email", SQLDataType.CLOB);
    public static final Field<String> BIO = column("users", "bio", SQLDataType.CLOB);
    public static final Field<Instant> CREATED_AT =
        column("users", "created_at", SQLDataType.INSTANT);

    private Users() {}
  }

  /**
   * {@code app.pitches}; {@code status} is {@code draft}, {@code published} or {@code archived}.
   */
  public static final class Pitches {
    public static final Table<Record> TABLE = table(name(SCHEMA, "pitches"));
    public static final Field<Long> ID = column("pitches", "id", SQLDataType.BIGINT);
    public static final Field<Long> OWNER_ID = column("pitches", "owner_id", SQLDataType.BIGINT);
    public static final Field<String> TITLE = column("pitches", "title", SQLDataType.CLOB);
    public static final Field<String> LOGLINE = column("pitches", "logline", SQLDataType.CLOB);
    public static final Field<String> SYNOPSIS = column("pitches", "synopsis", SQLDataType.CLOB);
    public static final Field<String> GENRE = column("pitches", "genre", SQLDataType.CLOB);
    public static final Field<String> STATUS = column("pitches", "status", SQLDataType.CLOB);
    public static final Field<Long> VIEW_COUNT =
        column("pitches", "view_count", SQLDataType.BIGINT);
    public static final Field<Instant> CREATED_AT =
        column("pitches", "created_at", SQLDataType.INSTANT);
    public static final Field<Instant> UPDATED_AT =
        column("pitches", "updated_at", SQLDataType.INSTANT);

    private Pitches() {}
  }

  /** {@code app.pitch_view_minutes}: views per pitch and minute, for what is trending. */
  public static final class PitchViewMinutes {
    public static final Table<Record> TABLE = table(name(SCHEMA, "pitch_view_minutes"));
    public static final Field<Long> PITCH_ID =
        column("pitch_view_minutes", "pitch_id", SQLDataType.BIGINT);
    public static final Field<Instant> MINUTE =
        column("pitch_view_minutes", "minute", SQLDataType.INSTANT);
    public static final Field<Long> VIEWS =
        column("pitch_view_minutes", "views", SQLDataType.BIGINT);

    private PitchViewMinutes() {}
  }

  /** {@code app.api_tokens}: the SHA-256 of each token, never the token. */
  public static final class ApiTokens {
    public static final Table<Record> TABLE = table(name(SCHEMA, "api_tokens"));
    public static final Field<byte[]> TOKEN_SHA256 =
        column("api_tokens", "token_sha256", SQLDataType.BLOB);
    public static final Field<Long> USER_ID = column("api_tokens", "user_id", SQLDataType.BIGINT);
    public static final Field<Instant> CREATED_AT =
        column("api_tokens", "created_at", SQLDataType.INSTANT);
    public static final Field<Instant> EXPIRES_AT =
        column("api_tokens", "expires_at", SQLDataType.INSTANT);

    private ApiTokens() {}
  }

  private static <T> Field<T> column(String table, String column, org.jooq.DataType<T> type) {
    return field(name(SCHEMA, table, column), type);
  }
}
