package io.pitchey.api.ratelimit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.auth.VerifiedTokens;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Limits every request, matched or not, before any handler runs (contracts §8). The caller is its
 * bearer token when that token was found valid within the last few minutes ({@link VerifiedTokens},
 * by the token's SHA-256: the token itself is never kept), else its address. Every limited response
 * carries {@code RateLimit-Limit} (the bucket's size) and {@code RateLimit-Remaining}; a refused
 * one is a 429 {@code rate-limited} problem with {@code Retry-After} in whole seconds.
 *
 * <p>The token is not looked up here (that would cost a query per request before limiting it): a
 * token counts as the caller only once a route that authenticates has confirmed it. So a client
 * inventing a token per request stays in its address's bucket, and cannot flood the bounded map of
 * buckets with fresh ones that would push out real callers'. A token's first request, before any
 * route confirmed it, is counted against the address.
 *
 * <p>Health checks are exempt: a balancer probing often must never take an instance out of rotation
 * for being limited.
 */
public final class RateLimitRoutes implements Routes {
  public static final String LIMIT_HEADER = "RateLimit-Limit";
  public static final String REMAINING_HEADER = "RateLimit-Remaining";
  private static final String BEARER = "bearer ";

  private final RateLimiter limiter;
  private final VerifiedTokens verified;
  private final Set<String> exemptPaths;

  public RateLimitRoutes(RateLimiter limiter, VerifiedTokens verified, Set<String> exemptPaths) {
    this.limiter = limiter;
    this.verified = verified;
    this.exemptPaths = Set.copyOf(exemptPaths);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before(this::limit);
  }

  private void limit(Context ctx) {
    if (exemptPaths.contains(ctx.path())) {
      return;
    }
    RateLimiter.Verdict verdict = limiter.tryAcquire(callerKey(ctx));
    ctx.header(LIMIT_HEADER, Long.toString(verdict.limit()));
    ctx.header(REMAINING_HEADER, Long.toString(verdict.remaining()));
    if (!verdict.allowed()) {
      throw new ApiException(
              ProblemType.RATE_LIMITED,
              "Too many requests from this caller; retry in " + verdict.retryAfterSeconds() + " s.")
          .withHeader(Header.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
    }
  }

  private String callerKey(Context ctx) {
    String token = bearerToken(ctx.header(Header.AUTHORIZATION));
    if (token != null) {
      String hash = VerifiedTokens.hash(token);
      if (verified.isVerified(hash)) {
        return "token:" + hash;
      }
    }
    return "address:" + ctx.ip();
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
