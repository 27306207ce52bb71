package io.pitchey.api.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.cache.CacheStats;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The cache's operator endpoints:
 *
 * <ul>
 *   <li>{@code POST /api/admin/cache/invalidate?pattern=pitch:*} drops the matching keys here and,
 *       through the invalidation bus, on every instance: {@code {"pattern":"pitch:*","removed":3}}
 *       ({@code removed} counts this instance's entries);
 *   <li>{@code GET /api/admin/cache/stats}: per-tier Ehcache counters, lookups by cache status,
 *       indexed keys, refreshes in flight and whether the disk tier is missing.
 * </ul>
 *
 * <p>Both require {@code Authorization: Bearer <admin.token>}: none is 401 with {@code
 * WWW-Authenticate: Bearer}, a wrong one 403. Without a configured {@code admin.token} they answer
 * 404, as if they did not exist: an instance that cannot authorise an operator should not advertise
 * operator endpoints.
 */
public final class AdminRoutes implements Routes {
  private static final String SCHEME = "bearer ";

  private final AdminSettings settings;
  private final ResponseCache cache;

  public AdminRoutes(AdminSettings settings, ResponseCache cache) {
    this.settings = settings;
    this.cache = cache;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/api/admin/cache/invalidate", this::invalidate);
    Routes.getAndHead(routes, "/api/admin/cache/stats", this::stats);
  }

  private void invalidate(Context ctx) {
    authorize(ctx);
    String pattern = ctx.queryParam("pattern");
    if (pattern == null || pattern.isBlank()) {
      throw ApiException.invalid("Give the keys to drop as ?pattern=, e.g. pitch:* or pitch:42.");
    }
    if (pattern.indexOf('*') >= 0 && pattern.indexOf('*') != pattern.length() - 1) {
      throw ApiException.invalid("Only a trailing * is supported, e.g. pitch:*; was " + pattern);
    }
    int removed = cache.invalidatePattern(pattern);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pattern", pattern);
    body.put("removed", removed);
    ctx.header(Header.CACHE_CONTROL, "no-store").json(body);
  }

  private void stats(Context ctx) {
    authorize(ctx);
    CacheStats stats = cache.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tiers", stats.tiers());
    Map<String, Long> lookups = new LinkedHashMap<>();
    stats.lookups().forEach((status, count) -> lookups.put(status.name(), count));
    body.put("lookups", lookups);
    body.put("keys", stats.keys());
    body.put("refreshes_in_flight", stats.refreshesInFlight());
    body.put("disk_tier", stats.degradedReason() == null);
    body.put("degraded_reason", stats.degradedReason());
    ctx.header(Header.CACHE_CONTROL, "no-store").json(body);
  }

  private void authorize(Context ctx) {
    RequestTiming.of(ctx).cacheStatus(CacheStatus.BYPASS);
    AdminToken token =
        settings
            .configuredToken()
            .orElseThrow(() -> ApiException.notFound("There is no such resource."));
    String presented = bearer(ctx.header(Header.AUTHORIZATION));
    if (presented == null) {
      throw ApiException.unauthorized("Send 'Authorization: Bearer <admin token>'.");
    }
    if (!token.matches(presented)) {
      throw new ApiException(ProblemType.FORBIDDEN, "The admin token is not valid.");
    }
  }

  private static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      return null;
    }
    String token = authorization.substring(SCHEME.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
