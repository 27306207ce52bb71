package io.pitchey.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket (bucket4j) per caller key, kept in a bounded map (Caffeine) that forgets a
 * caller once its bucket would be full again ({@link RateLimitSettings#refillTime()}) or when the
 * map is full (least recently seen first). Memory is therefore bounded by {@link
 * RateLimitSettings#maxCallers()} whatever the keys clients send. Time is the injected clock's.
 * Thread-safe.
 */
public final class RateLimiter {
  private final RateLimitSettings settings;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(RateLimitSettings settings, Clock clock) {
    this.settings = settings;
    this.time = new ClockTime(clock);
    Ticker ticker = time::currentTimeNanos;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(settings.maxCallers())
            .expireAfterAccess(settings.refillTime().plusSeconds(1))
            .ticker(ticker)
            .build();
  }

  /** Takes one request from {@code caller}'s bucket, if it has one left. */
  public Verdict tryAcquire(String caller) {
    ConsumptionProbe probe =
        buckets.get(caller, key -> newBucket()).tryConsumeAndReturnRemaining(1);
    return new Verdict(
        probe.isConsumed(),
        settings.burst(),
        probe.getRemainingTokens(),
        probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** How many callers have a bucket now (after pending expiries), for tests and metrics. */
  public long callers() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(settings.burst())
                    .refillGreedy(settings.perSecond(), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  /**
   * The answer for one request.
   *
   * @param limit the bucket's size
   * @param remaining requests left in the bucket after this one
   * @param retryAfter how long until the next request would be allowed; zero when allowed
   */
  public record Verdict(boolean allowed, long limit, long remaining, Duration retryAfter) {
    /** {@code Retry-After} in whole seconds, rounded up and at least 1 (RFC 9110 §10.2.3). */
    public long retryAfterSeconds() {
      return Math.max(1, Math.ceilDiv(retryAfter.toNanos(), 1_000_000_000L));
    }
  }

  /** The clock as bucket4j and Caffeine read time: nanoseconds on the clock's time line. */
  private record ClockTime(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
