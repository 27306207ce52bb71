package io.pitchey.api.pitch;

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
 * {@code GET /api/pitches/{id}}: a public pitch, cached as {@code pitch:<id>} under {@link
 * CachePolicy#PITCH}.
 */
public final class PitchRoutes implements Routes {
  private final PitchRepository pitches;
  private final ResponseCache cache;

  public PitchRoutes(PitchRepository pitches, ResponseCache cache) {
    this.pitches = pitches;
    this.cache = cache;
  }

  /** The cache key of a pitch (INTERFACES §7); invalidations use the same. */
  public static String cacheKey(long id) {
    return "pitch:" + id;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/pitches/{id}", this::get);
  }

  private void get(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.PITCH);
    long id = PathIds.positive(ctx, "id");
    CacheLookup lookup =
        cache.get(
            cacheKey(id), CachePolicy.PITCH, () -> pitches.findPublic(id).map(ApiJson::bytes));
    timing.cacheStatus(lookup.status());
    CachedBody body =
        lookup
            .found()
            .orElseThrow(() -> ApiException.notFound("There is no public pitch " + id + "."));
    CachedReply.sendJson(ctx, body, lookup.age());
  }
}
