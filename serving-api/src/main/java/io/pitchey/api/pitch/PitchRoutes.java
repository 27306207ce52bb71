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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading pitches: {@code GET /api/pitches/{id}}, cached as {@code pitch:<id>}, and {@code GET
 * /api/pitches}, cached as {@code pitches:list:<canonical query>}; both under {@link
 * CachePolicy#PITCH}.
 */
public final class PitchRoutes implements Routes {
  private static final String LIST_PATH = "/api/pitches";

  private final PitchRepository pitches;
  private final ResponseCache cache;

  public PitchRoutes(PitchRepository pitches, ResponseCache cache) {
    this.pitches = pitches;
    this.cache = cache;
  }

  /** The cache key of a pitch (contracts §7); invalidations use the same. */
  public static String cacheKey(long id) {
    return "pitch:" + id;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, LIST_PATH, this::list);
    Routes.getAndHead(routes, "/api/pitches/{id}", this::get);
  }

  private void get(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.PITCH);
    long id = PathIds.positive(ctx, "id");
    CacheLookup lookup = publicPitch(cache, pitches, id);
    timing.cacheStatus(lookup.status());
    CachedBody body =
        lookup
            .found()
            .orElseThrow(() -> ApiException.notFound("There is no public pitch " + id + "."));
    CachedReply.sendJson(ctx, body, lookup.age());
  }

  /**
   * The cached page of a public pitch: also the cheap way for other routes to learn whether a pitch
   * is public, since popular pitches are nearly always cached.
   */
  public static CacheLookup publicPitch(ResponseCache cache, PitchRepository pitches, long id) {
    return cache.get(
        cacheKey(id), CachePolicy.PITCH, () -> pitches.findPublic(id).map(ApiJson::bytes));
  }

  private void list(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.PITCH);
    PitchListQuery query = PitchListQuery.of(ctx);
    CacheLookup lookup =
        cache.get(
            query.cacheKey(), CachePolicy.PITCH, () -> Optional.of(ApiJson.bytes(page(query))));
    timing.cacheStatus(lookup.status());
    // a list always exists (an empty page is still a page), so the loader never comes back empty
    CachedReply.sendJson(ctx, lookup.found().orElseThrow(), lookup.age());
  }

  private PitchPage page(PitchListQuery query) {
    List<PitchSummary> rows = pitches.list(query);
    boolean hasMore = rows.size() > query.size();
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", LIST_PATH + "?" + query.canonical());
    if (hasMore) {
      links.put("next", LIST_PATH + "?" + query.withPage(query.page() + 1).canonical());
    }
    if (query.page() > 1) {
      links.put("prev", LIST_PATH + "?" + query.withPage(query.page() - 1).canonical());
    }
    return new PitchPage(
        hasMore ? rows.subList(0, query.size()) : rows, query.page(), query.size(), hasMore, links);
  }
}
