package io.pitchey.api.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A check whose result is reused for {@link #FRESH_FOR} (on the injected clock), so {@code GET
 * /api/health} is public without letting anyone who polls it fast send the database a query per
 * request. Concurrent polls while the result is stale wait for one check rather than running their
 * own. Thread-safe.
 */
final class CachedCheck implements HealthCheck {
  static final Duration FRESH_FOR = Duration.ofSeconds(1);

  private final HealthCheck check;
  private final Clock clock;
  private @Nullable CheckResult last; // guarded by this
  private Instant checkedAt = Instant.MIN; // guarded by this

  CachedCheck(HealthCheck check, Clock clock) {
    this.check = check;
    this.clock = clock;
  }

  @Override
  public String name() {
    return check.name();
  }

  @Override
  public boolean critical() {
    return check.critical();
  }

  @Override
  public synchronized CheckResult check() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(checkedAt.plus(FRESH_FOR)) || now.isBefore(checkedAt)) {
      last = check.check();
      checkedAt = now;
    }
    return last;
  }
}
