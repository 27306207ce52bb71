package io.pitchey.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The hashes of bearer tokens found valid a moment ago, so the rate limiter can tell a real caller
 * from a client inventing a token per request without a query of its own. Only {@link
 * BearerAuthenticator} adds to it, after the database confirmed the token; an entry lapses {@link
 * #REMEMBERED} after it was last confirmed (on the injected clock), and at most {@link #MAX_TOKENS}
 * are kept, so memory stays flat whatever clients send. Holds SHA-256 hashes only, never a token.
 * Thread-safe.
 */
public final class VerifiedTokens {
  public static final Duration REMEMBERED = Duration.ofMinutes(5);
  public static final int MAX_TOKENS = 100_000;

  private final Cache<String, Boolean> hashes;

  public VerifiedTokens(Clock clock) {
    this.hashes =
        Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(REMEMBERED)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .build();
  }

  /** The token's SHA-256 in hex: how a token is known here and in rate-limit keys. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(Tokens.sha256(token));
  }

  /** Remembers that the database just confirmed the token with this {@link #hash}. */
  void confirmed(String tokenHash) {
    hashes.put(tokenHash, Boolean.TRUE);
  }

  /** Whether the token with this {@link #hash} was confirmed within {@link #REMEMBERED}. */
  public boolean isVerified(String tokenHash) {
    return hashes.getIfPresent(tokenHash) != null;
  }
}
