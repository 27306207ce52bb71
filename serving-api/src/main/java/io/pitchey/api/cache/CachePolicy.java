package io.pitchey.api.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a kind of content is fresh, and how long after that it may still be served while it is
 * refreshed in the background. The presets are the performance guide's cache tiers:
 *
 * <table>
 *   <caption>Cache tiers</caption>
 *   <tr><th>preset</th><th>TTL</th><th>stale-while-revalidate</th></tr>
 *   <tr><td>{@link #STATIC}</td><td>7 days</td><td>1 day</td></tr>
 *   <tr><td>{@link #USER}</td><td>1 hour</td><td>5 minutes</td></tr>
 *   <tr><td>{@link #PITCH}</td><td>15 minutes</td><td>1 minute</td></tr>
 *   <tr><td>{@link #SEARCH}</td><td>5 minutes</td><td>30 seconds</td></tr>
 *   <tr><td>{@link #REALTIME}</td><td>30 seconds</td><td>5 seconds</td></tr>
 * </table>
 *
 * <p>Both durations are whole seconds, as {@code Cache-Control} expresses them.
 */
public record CachePolicy(Duration ttl, Duration staleWhileRevalidate) {
  public static final CachePolicy STATIC = new CachePolicy(Duration.ofDays(7), Duration.ofDays(1));
  public static final CachePolicy USER =
      new CachePolicy(Duration.ofHours(1), Duration.ofMinutes(5));
  public static final CachePolicy PITCH =
      new CachePolicy(Duration.ofMinutes(15), Duration.ofMinutes(1));
  public static final CachePolicy SEARCH =
      new CachePolicy(Duration.ofMinutes(5), Duration.ofSeconds(30));
  public static final CachePolicy REALTIME =
      new CachePolicy(Duration.ofSeconds(30), Duration.ofSeconds(5));

  public CachePolicy {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(staleWhileRevalidate, "staleWhileRevalidate");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || staleWhileRevalidate.isNegative()) {
      throw new IllegalArgumentException(
          "ttl must be at least 1 s and stale-while-revalidate not negative");
    }
    if (ttl.toNanosPart() != 0 || staleWhileRevalidate.toNanosPart() != 0) {
      throw new IllegalArgumentException("ttl and stale-while-revalidate must be whole seconds");
    }
  }

  /** How long an entry is worth keeping: after this it can never be served again. */
  public Duration retention() {
    return ttl.plus(staleWhileRevalidate);
  }

  public Freshness freshness(Duration age) {
    if (age.compareTo(ttl) < 0) {
      return Freshness.FRESH;
    }
    return age.compareTo(retention()) < 0 ? Freshness.STALE : Freshness.EXPIRED;
  }

  /**
   * The response header for shared content, e.g. {@code public, max-age=900,
   * stale-while-revalidate=60}.
   */
  public String cacheControl() {
    return "public, max-age="
        + ttl.toSeconds()
        + ", stale-while-revalidate="
        + staleWhileRevalidate.toSeconds();
  }
}
