package io.pitchey.api.health;

import io.pitchey.api.cache.ResponseCache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the response cache is open, and whether it has its disk tier. Critical: cached routes
 * cannot answer without it. A cache running on heap and off-heap only is {@code DEGRADED}, with the
 * reason: it serves, but holds less and misses more. The reason is reported as {@value
 * #NO_DISK_TIER} only, since the report is public and the cache's own reason names directories;
 * that one is logged, once each time it changes.
 */
public final class CacheCheck implements HealthCheck {
  static final String NO_DISK_TIER = "disk tier unavailable";
  private static final Logger log = LoggerFactory.getLogger(CacheCheck.class);

  private final ResponseCache cache;
  private final AtomicReference<String> loggedReason = new AtomicReference<>("");

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
    degraded.ifPresent(
        reason -> {
          details.put("degraded_reason", NO_DISK_TIER);
          if (!reason.equals(loggedReason.getAndSet(reason))) {
            log.warn("health check: cache degraded: {}", reason);
          }
        });
    HealthStatus status;
    if (!cache.isAvailable()) {
      status = HealthStatus.DOWN;
    } else {
      status = degraded.isPresent() ? HealthStatus.DEGRADED : HealthStatus.UP;
    }
    return new CheckResult(status, details);
  }
}
