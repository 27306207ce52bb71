package io.pitchey.api.db;

import io.pitchey.config.InvalidConfigException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often an idempotent read that failed transiently ({@link DatabaseFailure#retriable()}) runs
 * again, and how long it waits before each try.
 *
 * <p>The n-th retry waits {@code firstBackoff * 4^(n-1)}, less a random jitter of up to half of
 * that (50 ms, 200 ms, ... by default), so that requests that failed together (a primary failover
 * ends every connection at once) do not retry together. The retries are bounded and short because a
 * request is waiting: a read that keeps failing becomes a 503, not a hang.
 *
 * @param retries how many times to run a read again (key {@code db.read-retries}, 0..5, default 2)
 * @param firstBackoff the wait before the first retry (key {@code db.retry-backoff}, 0..1s, default
 *     50ms)
 */
public record ReadRetry(int retries, Duration firstBackoff) {
  public static final int DEFAULT_RETRIES = 2;
  public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(50);
  private static final int MAX_RETRIES = 5;
  private static final Duration MAX_FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final int GROWTH = 4;

  public ReadRetry {
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new InvalidConfigException(
          "db.read-retries", "must be between 0 and " + MAX_RETRIES + ", was " + retries);
    }
    if (firstBackoff.isNegative() || firstBackoff.compareTo(MAX_FIRST_BACKOFF) > 0) {
      throw new InvalidConfigException(
          "db.retry-backoff", "must be between 0s and 1s, was " + firstBackoff);
    }
  }

  public static ReadRetry defaults() {
    return new ReadRetry(DEFAULT_RETRIES, DEFAULT_FIRST_BACKOFF);
  }

  public static ReadRetry none() {
    return new ReadRetry(0, Duration.ZERO);
  }

  /** The wait before retry number {@code retry} (1-based), jittered. */
  Duration backoff(int retry) {
    long full = firstBackoff.toNanos() * (long) Math.pow(GROWTH, retry - 1);
    long jitter = full <= 1 ? 0 : ThreadLocalRandom.current().nextLong(full / 2 + 1);
    return Duration.ofNanos(full - jitter);
  }
}
