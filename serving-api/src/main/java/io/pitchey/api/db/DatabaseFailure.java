package io.pitchey.api.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What kind of database failure an exception is, judged by PostgreSQL's SQLState (appendix A of its
 * manual) anywhere in the cause chain. Decides both whether a read is retried ({@link
 * #retriable()}) and how the API answers it (503 rather than 500).
 */
public enum DatabaseFailure {
  /**
   * No connection could be had: the pool's connection timeout passed ({@link
   * SQLTransientConnectionException}) or the server refused to connect (08001, 08004). The wait is
   * already spent, so retrying would only double it.
   */
  UNREACHABLE(false),
  /**
   * An open connection broke (class 08) or the server ended it: admin shutdown (57P01), crash
   * shutdown (57P02), cannot connect now (57P03). A fresh connection may well succeed.
   */
  CONNECTION_LOST(true),
  /** The statement was cancelled, by {@code statement_timeout} or a cancel request (57014). */
  TIMEOUT(false),
  /**
   * A serialization failure (40001) or deadlock (40P01): running it again is the documented fix.
   */
  CONFLICT(true),
  /** Anything else: a bug or a constraint, never retried. */
  OTHER(false);

  private static final Set<String> REFUSED = Set.of("08001", "08004");
  private static final Set<String> SERVER_ENDED = Set.of("57P01", "57P02", "57P03");
  private static final Set<String> CONFLICTS = Set.of("40001", "40P01");
  private static final String QUERY_CANCELED = "57014";

  private final boolean retriable;

  DatabaseFailure(boolean retriable) {
    this.retriable = retriable;
  }

  /** Whether an idempotent read that failed this way is worth running again. */
  public boolean retriable() {
    return retriable;
  }

  /** Whether the database, not the request, is at fault: answer 503, not 500. */
  public boolean unavailable() {
    return this != OTHER;
  }

  public static DatabaseFailure of(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLTransientConnectionException) {
        return UNREACHABLE; // Hikari's "connection is not available, request timed out"
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return ofSqlState(sql.getSQLState());
      }
    }
    return OTHER;
  }

  static DatabaseFailure ofSqlState(String state) {
    if (REFUSED.contains(state)) {
      return UNREACHABLE;
    }
    if (state.startsWith("08") || SERVER_ENDED.contains(state)) {
      return CONNECTION_LOST;
    }
    if (state.equals(QUERY_CANCELED)) {
      return TIMEOUT;
    }
    if (CONFLICTS.contains(state)) {
      return CONFLICT;
    }
    return OTHER;
  }

  private static @Nullable Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }
}
