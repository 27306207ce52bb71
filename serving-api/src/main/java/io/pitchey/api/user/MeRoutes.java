package io.pitchey.api.user;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;

/**
 * {@code GET /api/me}: the authenticated user. Private content: it bypasses the shared cache and
 * tells every cache on the way not to share it, and the browser to check back before reuse.
 */
public final class MeRoutes implements Routes {
  static final String CACHE_CONTROL = "private, no-cache";

  private final BearerAuthenticator authenticator;
  private final UserRepository users;

  public MeRoutes(BearerAuthenticator authenticator, UserRepository users) {
    this.authenticator = authenticator;
    this.users = users;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/me", this::get);
  }

  private void get(Context ctx) {
    RequestTiming.of(ctx).contentClass(ContentClass.USER).cacheStatus(CacheStatus.BYPASS);
    long userId = authenticator.requireUser(ctx);
    // a token outliving its user cannot happen (on delete cascade), but a race with a deletion can
    User me =
        users
            .find(userId)
            .orElseThrow(() -> ApiException.unauthorized("The token's user no longer exists."));
    ctx.header(Header.CACHE_CONTROL, CACHE_CONTROL).json(me);
  }
}
