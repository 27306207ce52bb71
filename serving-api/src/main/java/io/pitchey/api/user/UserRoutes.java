package io.pitchey.api.user;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pitchey.api.cache.CacheLookup;
import io.pitchey.api.cache.CachePolicy;
import io.pitchey.api.cache.CachedBody;
import io.pitchey.api.cache.CachedReply;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.PathIds;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.ContentClass;

/**
 * {@code GET /api/users/{id}}: a user's public profile, cached as {@code user:<id>} under {@link
 * CachePolicy#USER}.
 */
public final class UserRoutes implements Routes {
  private final UserRepository users;
  private final ResponseCache cache;

  public UserRoutes(UserRepository users, ResponseCache cache) {
    this.users = users;
    this.cache = cache;
  }

  /** The cache key of a public profile (contracts §7); pitch writes invalidate it. */
  public static String cacheKey(long userId) {
    return "user:" + userId;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, "/api/users/{id}", this::get);
  }

  private void get(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.USER);
    long id = PathIds.positive(ctx, "id");
    CacheLookup lookup =
        cache.get(cacheKey(id), CachePolicy.USER, () -> users.findProfile(id).map(ApiJson::bytes));
    timing.cacheStatus(lookup.status());
    CachedBody body =
        lookup.found().orElseThrow(() -> ApiException.notFound("There is no user " + id + "."));
    CachedReply.sendJson(ctx, body, lookup.age());
  }
}
