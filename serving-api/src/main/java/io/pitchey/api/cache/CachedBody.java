package io.pitchey.api.cache;

import io.pitchey.api.http.ETags;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A response body as cached: its bytes, their entity tag, when it was stored and under which
 * policy. Bodies are cached ready to send, so a hit costs no serialisation and a 304 no hashing.
 *
 * <p>Immutable by convention: {@link #body()} returns the cached array itself, to spare a copy per
 * hit, and callers must not modify it.
 */
public final class CachedBody {
  private final byte[] body;
  private final String etag;
  private final Instant storedAt;
  private final CachePolicy policy;

  CachedBody(byte[] body, String etag, Instant storedAt, CachePolicy policy) {
    this.body = Objects.requireNonNull(body, "body");
    this.etag = Objects.requireNonNull(etag, "etag");
    this.storedAt = Objects.requireNonNull(storedAt, "storedAt");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Stored at millisecond precision, the precision of its serialised form. */
  static CachedBody of(byte[] body, Instant storedAt, CachePolicy policy) {
    return new CachedBody(body, ETags.of(body), storedAt.truncatedTo(ChronoUnit.MILLIS), policy);
  }

  public byte[] body() {
    return body;
  }

  public String etag() {
    return etag;
  }

  public Instant storedAt() {
    return storedAt;
  }

  public CachePolicy policy() {
    return policy;
  }

  /** Time since it was stored; never negative, even if the clock stepped back. */
  public Duration age(Instant now) {
    Duration age = Duration.between(storedAt, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  public Freshness freshness(Instant now) {
    return policy.freshness(age(now));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CachedBody that
        && Arrays.equals(body, that.body)
        && etag.equals(that.etag)
        && storedAt.equals(that.storedAt)
        && policy.equals(that.policy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), etag, storedAt, policy);
  }

  @Override
  public String toString() {
    return "CachedBody[" + body.length + " bytes, etag=" + etag + ", storedAt=" + storedAt + "]";
  }
}
