package io.pitchey.api.health;

import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs {@code select 1} through the API's own pool, so it fails exactly when requests would:
 * database down, network cut, or pool exhausted (bounded by the pool's connection timeout).
 * Critical.
 */
public final class DatabaseCheck implements HealthCheck {
  private static final int QUERY_TIMEOUT_SECONDS = 2;

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
      return new CheckResult(HealthStatus.DOWN, Map.of("error", String.valueOf(e.getMessage())));
    }
  }
}
