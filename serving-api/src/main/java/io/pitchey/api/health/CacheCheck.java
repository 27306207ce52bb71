package io.pitchey.api.health;

import io.pitchey.api.cache.ResponseCache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the response cache is open, and whether it has its disk tier. Critical: cached routes
 * cannot answer without it. A cache running on heap and off-heap only is {@code DEGRADED}, with the
 * reason: it serves, but holds less and misses more.
 */
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
    Optional<String> degraded = cache.degradedReason();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("refreshes_in_flight", cache.refreshesInFlight());
    details.put("disk_tier", degraded.isEmpty());
    degraded.ifPresent(reason -> details.put("degraded_reason", reason));
    HealthStatus status;
    if (!cache.isAvailable()) {
      status = HealthStatus.DOWN;
    } else {
      status = degraded.isPresent() ? HealthStatus.DEGRADED : HealthStatus.UP;
    }
    return new CheckResult(status, details);
  }
}
