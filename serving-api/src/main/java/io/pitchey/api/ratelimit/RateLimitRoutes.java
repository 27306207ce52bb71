package io.pitchey.api.ratelimit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.auth.Tokens;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Limits every request, matched or not, before any handler runs (INTERFACES §8). The caller is its
 * bearer token when it sends one (by the token's SHA-256: the token itself is never kept), else its
 * address. Every limited response carries {@code RateLimit-Limit} (the bucket's size) and {@code
 * RateLimit-Remaining}; a refused one is a 429 {@code rate-limited} problem with {@code
 * Retry-After} in whole seconds.
 *
 * <p>The token is not verified here (that would cost a query per request before limiting it), so a
 * client inventing a token per request gets a fresh bucket each time; it gains nothing else, since
 * an invented token is refused with 401 at the first route that needs one, and the bounded map of
 * buckets keeps memory flat.
 *
 * <p>Health checks are exempt: a balancer probing often must never take an instance out of rotation
 * for being limited.
 */
public final class RateLimitRoutes implements Routes {
  public static final String LIMIT_HEADER = "RateLimit-Limit";
  public static final String REMAINING_HEADER = "RateLimit-Remaining";
  private static final String BEARER = "bearer ";

  private final RateLimiter limiter;
  private final Set<String> exemptPaths;

  public RateLimitRoutes(RateLimiter limiter, Set<String> exemptPaths) {
    this.limiter = limiter;
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

  static String callerKey(Context ctx) {
    String token = bearerToken(ctx.header(Header.AUTHORIZATION));
    return token == null
        ? "address:" + ctx.ip()
        : "token:" + HexFormat.of().formatHex(Tokens.sha256(token));
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
