package io.pitchey.api.assets;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pitchey.api.cache.CachePolicy;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import java.time.Duration;

/**
 * The built web assets:
 *
 * <ul>
 *   <li>{@code GET /static/{file}} (and {@code HEAD}): a content-hashed asset, cached for the
 *       static tier's TTL ({@link CachePolicy#STATIC}) and marked {@code immutable}: a new version
 *       has a new name, so a cached copy never needs revalidating. Only hashed names are served.
 *   <li>{@code GET /} and {@code GET /index.html} (and {@code HEAD}): the landing page, whose name
 *       cannot change, so it is cached briefly and revalidated by its {@code ETag}.
 * </ul>
 *
 * Every answer is served from memory and counted as a {@code STATIC} cache {@code HIT}.
 */
public final class AssetRoutes implements Routes {
  static final String IMMUTABLE_CACHE_CONTROL =
      "public, max-age=" + CachePolicy.STATIC.ttl().toSeconds() + ", immutable";

  /** Long enough to spare a burst of visits, short enough that a release shows within minutes. */
  static final Duration PAGE_MAX_AGE = Duration.ofMinutes(5);

  static final String PAGE_CACHE_CONTROL = "public, max-age=" + PAGE_MAX_AGE.toSeconds();
  static final String LANDING_PAGE = "index.html";

  private final AssetCatalog catalog;
  private final StaticAsset landingPage;

  public AssetRoutes(AssetCatalog catalog) {
    this.catalog = catalog;
    this.landingPage =
        catalog
            .byLogicalName(LANDING_PAGE)
            .orElseThrow(() -> new IllegalStateException("the assets have no " + LANDING_PAGE));
  }

  /** The routes over the assets built into the classpath; loads them all now. */
  public static AssetRoutes fromClasspath() {
    return new AssetRoutes(AssetCatalog.fromClasspath());
  }

  @Override
  public void addTo(RoutesConfig routes) {
    // HEAD explicitly: Javalin would answer it for a GET route with an empty 200 of its own,
    // without the asset's length, type, coding or tag; Jetty drops the body of a HEAD response
    routes.get("/static/{file}", this::asset);
    routes.head("/static/{file}", this::asset);
    routes.get("/", this::landingPage);
    routes.head("/", this::landingPage);
    routes.get("/" + LANDING_PAGE, this::landingPage);
    routes.head("/" + LANDING_PAGE, this::landingPage);
  }

  private void asset(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.STATIC);
    StaticAsset asset =
        catalog
            .immutable(ctx.pathParam("file"))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "There is no such static asset; assets are served under their"
                            + " content-hashed names only."));
    timing.cacheStatus(CacheStatus.HIT);
    AssetReply.send(ctx, asset, IMMUTABLE_CACHE_CONTROL);
  }

  private void landingPage(Context ctx) {
    RequestTiming.of(ctx).contentClass(ContentClass.STATIC).cacheStatus(CacheStatus.HIT);
    AssetReply.send(ctx, landingPage, PAGE_CACHE_CONTROL);
  }
}
