package io.pitchey.api.cache;

import io.pitchey.api.http.ContentCoding;
import io.pitchey.api.http.ETags;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A response as cached, ready to send: its bytes in each content coding worth having, its media
 * type, its entity tag, when it was stored and under which policy. A hit therefore costs no
 * serialisation, no compression and a 304 no hashing.
 *
 * <p>Each coding has its own strong entity tag (RFC 9110 §8.8.3), as the encoded bytes differ: the
 * identity body's tag {@link #etag()}, e.g. {@code "abc"}, and for the others the same hash with
 * the coding appended, {@code "abc-br"} and {@code "abc-gzip"}. Only the identity tag is stored;
 * the others are derived from it.
 *
 * <p>Immutable by convention: {@link #body()} and {@link #encoded} return the cached arrays
 * themselves, to spare a copy per hit, and callers must not modify them.
 */
public final class CachedBody {
  /** The media type of bodies cached through {@link ResponseCache#get}. */
  public static final String JSON = "application/json";

  private final byte[] body;
  private final String contentType;
  private final String etag;
  private final Instant storedAt;
  private final CachePolicy policy;
  private final Map<ContentCoding, byte[]> variants;

  CachedBody(
      byte[] body,
      String contentType,
      String etag,
      Instant storedAt,
      CachePolicy policy,
      Map<ContentCoding, byte[]> variants) {
    this.body = Objects.requireNonNull(body, "body");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.etag = Objects.requireNonNull(etag, "etag");
    this.storedAt = Objects.requireNonNull(storedAt, "storedAt");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (variants.containsKey(ContentCoding.IDENTITY)) {
      throw new IllegalArgumentException("the identity coding is the body itself");
    }
    this.variants =
        variants.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(variants));
  }

  /**
   * A JSON body, compressed now into the variants worth keeping; stored at millisecond precision,
   * the precision of its serialised form.
   */
  static CachedBody of(byte[] body, Instant storedAt, CachePolicy policy) {
    return of(body, JSON, storedAt, policy);
  }

  static CachedBody of(byte[] body, String contentType, Instant storedAt, CachePolicy policy) {
    return new CachedBody(
        body,
        contentType,
        ETags.of(body),
        storedAt.truncatedTo(ChronoUnit.MILLIS),
        policy,
        Precompression.variants(body));
  }

  /** The body without content coding. */
  public byte[] body() {
    return body;
  }

  public String contentType() {
    return contentType;
  }

  /** The identity body's entity tag, which names the content whatever its coding. */
  public String etag() {
    return etag;
  }

  /** The entity tag of the body in {@code coding}. */
  public String etag(ContentCoding coding) {
    if (coding == ContentCoding.IDENTITY) {
      return etag;
    }
    return etag.substring(0, etag.length() - 1) + '-' + coding.token() + '"';
  }

  /**
   * The tag in an {@code If-None-Match} header that names this body in any of its codings,
   * preferring {@code preferred}'s (which is also what {@code *} matches); empty if none does.
   */
  public Optional<String> matchedTag(@Nullable String ifNoneMatch, ContentCoding preferred) {
    if (ifNoneMatch == null) {
      return Optional.empty();
    }
    if (ETags.matches(ifNoneMatch, etag(preferred))) {
      return Optional.of(etag(preferred));
    }
    return codings().stream()
        .map(this::etag)
        .filter(t -> ETags.matches(ifNoneMatch, t))
        .findFirst();
  }

  public Instant storedAt() {
    return storedAt;
  }

  public CachePolicy policy() {
    return policy;
  }

  /** The codings the body is available in; always includes {@code identity}. */
  public Set<ContentCoding> codings() {
    Set<ContentCoding> codings = EnumSet.of(ContentCoding.IDENTITY);
    codings.addAll(variants.keySet());
    return codings;
  }

  /**
   * The body in {@code coding}.
   *
   * @throws IllegalArgumentException if the body is not available in it (see {@link #codings()})
   */
  public byte[] encoded(ContentCoding coding) {
    if (coding == ContentCoding.IDENTITY) {
      return body;
    }
    byte[] variant = variants.get(coding);
    if (variant == null) {
      throw new IllegalArgumentException("no " + coding.token() + " variant of " + etag);
    }
    return variant;
  }

  /** The compressed variants, without identity. */
  Map<ContentCoding, byte[]> variants() {
    return variants;
  }

  /** Time since it was stored; never negative, even if the clock stepped back. */
  public Duration age(Instant now) {
    Duration age = Duration.between(storedAt, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  public Freshness freshness(Instant now) {
    return policy.freshness(age(now));
  }

  /** Whether it may stand in for a reload that failed (stale-if-error). */
  public boolean servableOnError(Instant now) {
    return policy.servableOnError(age(now));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CachedBody that
        && Arrays.equals(body, that.body)
        && contentType.equals(that.contentType)
        && etag.equals(that.etag)
        && storedAt.equals(that.storedAt)
        && policy.equals(that.policy)
        && sameVariants(that);
  }

  private boolean sameVariants(CachedBody that) {
    if (!variants.keySet().equals(that.variants.keySet())) {
      return false;
    }
    return variants.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), that.variants.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), etag, storedAt, policy);
  }

  @Override
  public String toString() {
    return "CachedBody["
        + body.length
        + " bytes "
        + contentType
        + ", codings="
        + codings()
        + ", etag="
        + etag
        + ", storedAt="
        + storedAt
        + "]";
  }
}
