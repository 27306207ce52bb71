package io.pitchey.api.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a kind of content is fresh, how long after that it may still be served while it is
 * refreshed in the background, and how much longer it may stand in for an origin that fails. The
 * presets are the performance guide's cache tiers:
 *
 * <table>
 *   <caption>Cache tiers</caption>
 *   <tr><th>preset</th><th>TTL</th><th>stale-while-revalidate</th></tr>
 *   <tr><td>{@link #STATIC}</td><td>7 days</td><td>1 day</td></tr>
 *   <tr><td>{@link #USER}</td><td>1 hour</td><td>5 minutes</td></tr>
 *   <tr><td>{@link #PITCH}</td><td>15 minutes</td><td>1 minute</td></tr>
 *   <tr><td>{@link #SEARCH}</td><td>5 minutes</td><td>30 seconds</td></tr>
 *   <tr><td>{@link #REALTIME}</td><td>30 seconds</td><td>5 seconds</td></tr>
 *   <tr><td>{@link #PRIVATE}</td><td>1 hour, server side only</td><td>5 minutes, server side
 *       only</td></tr>
 * </table>
 *
 * <p>The presets carry no stale-if-error window: the response cache adds its configured one ({@code
 * cache.max-stale}) when it stores an entry, see {@link #withStaleIfError}.
 *
 * <p>All durations are whole seconds, as {@code Cache-Control} expresses them.
 *
 * @param staleIfError how long past {@link #retention()} an entry may still be served when
 *     reloading it fails (RFC 5861)
 * @param shared whether shared caches (CDNs, proxies) may keep it; {@code false} for per-user
 *     content, which only the user's own browser may reuse
 */
public record CachePolicy(
    Duration ttl, Duration staleWhileRevalidate, Duration staleIfError, boolean shared) {
  public static final CachePolicy STATIC = new CachePolicy(Duration.ofDays(7), Duration.ofDays(1));
  public static final CachePolicy USER =
      new CachePolicy(Duration.ofHours(1), Duration.ofMinutes(5));
  public static final CachePolicy PITCH =
      new CachePolicy(Duration.ofMinutes(15), Duration.ofMinutes(1));
  public static final CachePolicy SEARCH =
      new CachePolicy(Duration.ofMinutes(5), Duration.ofSeconds(30));
  public static final CachePolicy REALTIME =
      new CachePolicy(Duration.ofSeconds(30), Duration.ofSeconds(5));

  /**
   * Per-user content such as {@code /api/me}, cached server side for an hour under a key naming the
   * user ({@code me:<userId>}) and sent as {@code private, no-cache}: a browser keeps it but asks
   * again before each reuse, which a matching {@code If-None-Match} answers with a cheap 304. A
   * browser does not key its cache by token, so a {@code max-age} would let it show one user's
   * profile to the next user who signs in on it.
   */
  public static final CachePolicy PRIVATE =
      new CachePolicy(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ZERO, false);

  public CachePolicy {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(staleWhileRevalidate, "staleWhileRevalidate");
    Objects.requireNonNull(staleIfError, "staleIfError");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0
        || staleWhileRevalidate.isNegative()
        || staleIfError.isNegative()) {
      throw new IllegalArgumentException(
          "ttl must be at least 1 s, stale-while-revalidate and stale-if-error not negative");
    }
    if (ttl.toNanosPart() != 0
        || staleWhileRevalidate.toNanosPart() != 0
        || staleIfError.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "ttl, stale-while-revalidate and stale-if-error must be whole seconds");
    }
  }

  /** Shared content without a stale-if-error window. */
  public CachePolicy(Duration ttl, Duration staleWhileRevalidate) {
    this(ttl, staleWhileRevalidate, Duration.ZERO, true);
  }

  /** This policy with the given stale-if-error window. */
  public CachePolicy withStaleIfError(Duration window) {
    return new CachePolicy(ttl, staleWhileRevalidate, window, shared);
  }

  /** How long an entry is served without a successful reload: TTL plus stale-while-revalidate. */
  public Duration retention() {
    return ttl.plus(staleWhileRevalidate);
  }

  /** How long an entry is worth keeping: after this it can never be served again. */
  public Duration maxRetention() {
    return retention().plus(staleIfError);
  }

  public Freshness freshness(Duration age) {
    if (age.compareTo(ttl) < 0) {
      return Freshness.FRESH;
    }
    return age.compareTo(retention()) < 0 ? Freshness.STALE : Freshness.EXPIRED;
  }

  /** Whether an entry this old may stand in for a reload that failed. */
  public boolean servableOnError(Duration age) {
    return age.compareTo(maxRetention()) < 0;
  }

  /**
   * The {@code Cache-Control} response header: for shared content e.g. {@code public, max-age=900,
   * stale-while-revalidate=60, stale-if-error=3600} (the last only with a window); for per-user
   * content {@code private, no-cache}, whatever its server-side TTL (see {@link #PRIVATE}).
   */
  public String cacheControl() {
    if (!shared) {
      return "private, no-cache";
    }
    String control =
        "public, max-age="
            + ttl.toSeconds()
            + ", stale-while-revalidate="
            + staleWhileRevalidate.toSeconds();
    return staleIfError.isZero()
        ? control
        : control + ", stale-if-error=" + staleIfError.toSeconds();
  }
}
