package io.pitchey.api.search;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pitchey.api.cache.CacheLookup;
import io.pitchey.api.cache.CachePolicy;
import io.pitchey.api.cache.CachedReply;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.ContentClass;
import java.util.Optional;

/**
 * {@code GET /api/search?q=&page=&size=}: public pitches matching {@code q}, best first, with
 * highlighted title and snippet; cached as {@code search:<normalised q>:<page>:<size>} under {@link
 * CachePolicy#SEARCH}.
 */
public final class SearchRoutes implements Routes {
  private final SearchRepository search;
  private final ResponseCache cache;

  public SearchRoutes(SearchRepository search, ResponseCache cache) {
    this.search = search;
    this.cache = cache;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, "/api/search", this::search);
  }

  private void search(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.SEARCH);
    SearchQuery query = SearchQuery.of(ctx);
    CacheLookup lookup =
        cache.get(
            query.cacheKey(),
            CachePolicy.SEARCH,
            () -> Optional.of(ApiJson.bytes(search.search(query))));
    timing.cacheStatus(lookup.status());
    // no matches is still an answer, so the loader never comes back empty
    CachedReply.sendJson(ctx, lookup.found().orElseThrow(), lookup.age());
  }
}
