package io.pitchey.api.live;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pitchey.api.cache.CacheLookup;
import io.pitchey.api.cache.CachePolicy;
import io.pitchey.api.cache.CachedBody;
import io.pitchey.api.cache.CachedReply;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.PathIds;
import io.pitchey.api.http.Routes;
import io.pitchey.api.pitch.PitchRepository;
import io.pitchey.api.pitch.PitchRoutes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Views and live data:
 *
 * <ul>
 *   <li>{@code POST /api/pitches/{id}/views} records a view (202): counted in memory, written by
 *       the {@link ViewFlusher} within about a second;
 *   <li>{@code GET /api/live/pitches/{id}/views}: the pitch's views, unwritten ones included,
 *       cached as {@code live:views:<id>};
 *   <li>{@code GET /api/live/trending}: the most viewed public pitches of the last hour, cached as
 *       {@code live:trending}.
 * </ul>
 *
 * Both reads are cached under {@link CachePolicy#REALTIME}, so they may lag by its 30 seconds.
 */
public final class LiveRoutes implements Routes {
  public static final Duration TRENDING_WINDOW = Duration.ofHours(1);
  public static final int TRENDING_SIZE = 10;
  static final String TRENDING_KEY = "live:trending";

  private final ViewBuffer views;
  private final PitchRepository pitches;
  private final TrendingRepository trending;
  private final ResponseCache cache;
  private final Clock clock;

  public LiveRoutes(
      ViewBuffer views,
      PitchRepository pitches,
      TrendingRepository trending,
      ResponseCache cache,
      Clock clock) {
    this.views = views;
    this.pitches = pitches;
    this.trending = trending;
    this.cache = cache;
    this.clock = clock;
  }

  static String viewsKey(long pitchId) {
    return "live:views:" + pitchId;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/api/pitches/{id}/views", this::recordView);
    Routes.getAndHead(routes, "/api/live/pitches/{id}/views", this::views);
    Routes.getAndHead(routes, "/api/live/trending", this::trending);
  }

  private void recordView(Context ctx) {
    RequestTiming.of(ctx).contentClass(ContentClass.REALTIME).cacheStatus(CacheStatus.BYPASS);
    long id = PathIds.positive(ctx, "id");
    // the pitch's cached page says whether it is public; popular pitches cost no query
    if (PitchRoutes.publicPitch(cache, pitches, id).found().isEmpty()) {
      throw ApiException.notFound("There is no public pitch " + id + ".");
    }
    views.record(id);
    ctx.status(HttpStatus.ACCEPTED);
  }

  private void views(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.REALTIME);
    long id = PathIds.positive(ctx, "id");
    CacheLookup lookup =
        cache.get(
            viewsKey(id),
            CachePolicy.REALTIME,
            () ->
                views
                    .total(id, () -> pitches.publicViewCount(id))
                    .map(total -> ApiJson.bytes(new LiveViews(id, total))));
    timing.cacheStatus(lookup.status());
    CachedBody body =
        lookup
            .found()
            .orElseThrow(() -> ApiException.notFound("There is no public pitch " + id + "."));
    CachedReply.sendJson(ctx, body, lookup.age());
  }

  private void trending(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx).contentClass(ContentClass.REALTIME);
    CacheLookup lookup =
        cache.get(TRENDING_KEY, CachePolicy.REALTIME, () -> Optional.of(ApiJson.bytes(load())));
    timing.cacheStatus(lookup.status());
    CachedReply.sendJson(ctx, lookup.found().orElseThrow(), lookup.age());
  }

  private Trending load() {
    Instant since = clock.instant().minus(TRENDING_WINDOW).truncatedTo(ChronoUnit.MINUTES);
    return new Trending(
        (int) TRENDING_WINDOW.toMinutes(), since, trending.since(since, TRENDING_SIZE));
  }
}
