package io.pitchey.api.health;

import io.pitchey.api.db.DatabaseFailure;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code select 1} through the API's own pool, so it fails exactly when requests would:
 * database down, network cut, or pool exhausted (bounded by the pool's connection timeout).
 * Critical. A failure is reported by its {@link DatabaseFailure} kind only ({@code "error":
 * "unreachable"}): the health report is public, and a driver's message names hosts, users and SQL.
 * The message is logged.
 */
public final class DatabaseCheck implements HealthCheck {
  private static final int QUERY_TIMEOUT_SECONDS = 2;
  private static final Logger log = LoggerFactory.getLogger(DatabaseCheck.class);

  private final DSLContext sql;

  public DatabaseCheck(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public boolean critical() {
    return true;
  }

  @Override
  public CheckResult check() {
    long start = System.nanoTime();
    try {
      sql.selectOne().queryTimeout(QUERY_TIMEOUT_SECONDS).fetch();
      return new CheckResult(
          HealthStatus.UP, Map.of("latency_ms", (System.nanoTime() - start) / 1e6));
    } catch (DataAccessException e) {
      String kind = DatabaseFailure.of(e).name().toLowerCase(Locale.ROOT);
      log.warn("health check: database {}: {}", kind, e.toString());
      return new CheckResult(HealthStatus.DOWN, Map.of("error", kind));
    }
  }
}
