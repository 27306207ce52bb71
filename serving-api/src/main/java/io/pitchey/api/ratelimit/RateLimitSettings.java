package io.pitchey.api.ratelimit;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.Settings;
import java.time.Duration;

/**
 * The rate limit every caller gets: a token bucket of {@code burst} requests, refilled at {@code
 * perSecond} requests a second. A caller may send {@code burst} requests at once, then {@code
 * perSecond} a second for as long as it likes.
 *
 * <p>The defaults suit people and well-behaved scripts, not load tests: a load test (the {@code
 * pitchey demo} and benchmark profiles) sets {@code ratelimit.enabled=false} or limits it cannot
 * reach, since all its requests come from one address or one token.
 *
 * @param enabled whether requests are limited at all (key {@code ratelimit.enabled}, default true)
 * @param perSecond sustained requests a second per caller (key {@code ratelimit.per-second},
 *     1..1,000,000, default {@value #DEFAULT_PER_SECOND})
 * @param burst the bucket's size (key {@code ratelimit.burst}, at least {@code perSecond}, at most
 *     10,000,000, default {@value #DEFAULT_BURST})
 * @param maxCallers how many callers' buckets are kept at most (key {@code ratelimit.max-callers},
 *     100..10,000,000, default {@value #DEFAULT_MAX_CALLERS}); beyond that the least recently seen
 *     are forgotten, which only ever gives a caller a full bucket again
 */
public record RateLimitSettings(boolean enabled, int perSecond, int burst, int maxCallers) {
  public static final int DEFAULT_PER_SECOND = 100;
  public static final int DEFAULT_BURST = 200;
  public static final int DEFAULT_MAX_CALLERS = 100_000;

  public RateLimitSettings {
    if (perSecond < 1 || perSecond > 1_000_000) {
      throw new InvalidConfigException(
          "ratelimit.per-second", "must be between 1 and 1000000, was " + perSecond);
    }
    if (burst < perSecond || burst > 10_000_000) {
      throw new InvalidConfigException(
          "ratelimit.burst",
          "must be at least ratelimit.per-second ("
              + perSecond
              + ") and at most 10000000, was "
              + burst);
    }
    if (maxCallers < 100 || maxCallers > 10_000_000) {
      throw new InvalidConfigException(
          "ratelimit.max-callers", "must be between 100 and 10000000, was " + maxCallers);
    }
  }

  public static RateLimitSettings defaults() {
    return new RateLimitSettings(true, DEFAULT_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_CALLERS);
  }

  public static RateLimitSettings disabled() {
    return new RateLimitSettings(false, DEFAULT_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_CALLERS);
  }

  /** Reads the {@code ratelimit.*} keys; absent ones take the defaults. */
  public static RateLimitSettings from(Settings settings) {
    int perSecond =
        settings.has("ratelimit.per-second")
            ? settings.integer("ratelimit.per-second", 1, 1_000_000)
            : DEFAULT_PER_SECOND;
    return new RateLimitSettings(
        !settings.has("ratelimit.enabled") || settings.bool("ratelimit.enabled"),
        perSecond,
        settings.has("ratelimit.burst")
            ? settings.integer("ratelimit.burst", 1, 10_000_000)
            : Math.max(DEFAULT_BURST, perSecond),
        settings.has("ratelimit.max-callers")
            ? settings.integer("ratelimit.max-callers", 100, 10_000_000)
            : DEFAULT_MAX_CALLERS);
  }

  /**
   * How long an idle caller's bucket takes to fill up again. After that a new bucket is the same as
   * the old one, so forgetting the caller loses nothing.
   */
  Duration refillTime() {
    return Duration.ofNanos(Math.ceilDiv(burst * 1_000_000_000L, perSecond));
  }
}
