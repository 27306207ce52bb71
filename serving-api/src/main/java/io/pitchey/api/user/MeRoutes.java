package io.pitchey.api.user;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.cache.CacheLookup;
import io.pitchey.api.cache.CachePolicy;
import io.pitchey.api.cache.CachedBody;
import io.pitchey.api.cache.CachedReply;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.ContentClass;

/**
 * {@code GET /api/me}: the authenticated user. The token is checked on every request; the profile
 * is then cached per user as {@code me:<userId>} under {@link CachePolicy#PRIVATE}, and sent {@code
 * private} so no shared cache on the way keeps one user's e-mail for another.
 */
public final class MeRoutes implements Routes {
  static final String CACHE_CONTROL = CachePolicy.PRIVATE.cacheControl();

  private final BearerAuthenticator authenticator;
  private final UserRepository users;
  private final ResponseCache cache;

  public MeRoutes(BearerAuthenticator authenticator, UserRepository users, ResponseCache cache) {
    this.authenticator = authenticator;
    this.users = users;
    this.cache = cache;
  }

  /** The cache key of a user's private profile: the user is part of it. */
  public static String cacheKey(long userId) {
    return "me:" + userId;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, "/api/me", this::get);
  }

  private void get(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.USER);
    long userId = authenticator.requireUser(ctx);
    CacheLookup lookup =
        cache.get(
            cacheKey(userId), CachePolicy.PRIVATE, () -> users.find(userId).map(ApiJson::bytes));
    timing.cacheStatus(lookup.status());
    // a token outliving its user cannot happen (on delete cascade), but a race with a deletion can
    CachedBody me =
        lookup
            .found()
            .orElseThrow(() -> ApiException.unauthorized("The token's user no longer exists."));
    CachedReply.sendPrivateJson(ctx, me, lookup.age());
  }
}
