package io.pitchey.api.health;

import io.pitchey.api.cache.ResponseCache;
import java.util.Map;

/** Whether the response cache is open. Critical: cached routes cannot answer without it. */
public final class CacheCheck implements HealthCheck {
  private final ResponseCache cache;

  public CacheCheck(ResponseCache cache) {
    this.cache = cache;
  }

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public boolean critical() {
    return true;
  }

  @Override
  public CheckResult check() {
    HealthStatus status = cache.isAvailable() ? HealthStatus.UP : HealthStatus.DOWN;
    return new CheckResult(status, Map.of("refreshes_in_flight", cache.refreshesInFlight()));
  }
}
