package io.pitchey.bench.aggregator;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Timing events as the API produces them: the demo's route mix, cache hit rates per route, and
 * log-normal latencies (cache hits sub-millisecond, misses a few to tens of milliseconds with a
 * long tail, rare timeouts of seconds). Deterministic for a seed, UUIDs included, so runs compare.
 */
final class TrafficModel {
  /** A route's share of traffic and the shape of its latency. */
  private record Route(
      String method,
      String route,
      ContentClass contentClass,
      int weight,
      double hitRate,
      double hitMedianUs,
      double missMedianUs,
      double sigma,
      int missQueries,
      boolean cacheable) {}

  private static final Route[] ROUTES = {
    new Route("GET", "/api/pitches/{id}", ContentClass.PITCH, 60, 0.85, 280, 6_000, 0.7, 2, true),
    new Route("GET", "/api/pitches", ContentClass.PITCH, 15, 0.90, 350, 14_000, 0.8, 2, true),
    new Route("GET", "/api/search", ContentClass.SEARCH, 10, 0.60, 400, 22_000, 0.9, 1, true),
    new Route("GET", "/api/users/{id}", ContentClass.USER, 5, 0.80, 260, 5_000, 0.7, 2, true),
    new Route("GET", "/static/{asset}", ContentClass.STATIC, 5, 1.00, 120, 120, 0.5, 0, true),
    new Route("GET", "/api/health", ContentClass.OTHER, 2, 0.00, 0, 1_500, 0.6, 1, false),
    new Route(
        "GET", "/api/live/trending", ContentClass.REALTIME, 2, 0.95, 200, 9_000, 0.8, 1, true),
    new Route("POST", "/api/pitches/{id}/views", ContentClass.OTHER, 1, 0, 0, 180, 0.5, 0, false),
  };

  static final int ROUTE_COUNT = ROUTES.length;

  private static final int TOTAL_WEIGHT = totalWeight();

  private final SplittableRandom random;
  private final int instances;

  TrafficModel(long seed, int instances) {
    this.random = new SplittableRandom(seed);
    this.instances = instances;
  }

  static String routeKey(int route) {
    return ROUTES[route].method() + " " + ROUTES[route].route();
  }

  /** The next request at {@code tsUs}; {@code routeOut[0]} receives its route index. */
  TimingEvent next(long tsUs, int[] routeOut) {
    int index = pickRoute();
    routeOut[0] = index;
    Route route = ROUTES[index];
    boolean hit = random.nextDouble() < route.hitRate();
    CacheStatus cache =
        !route.cacheable() ? CacheStatus.BYPASS : hit ? CacheStatus.HIT : CacheStatus.MISS;
    long durationUs = logNormal(hit ? route.hitMedianUs() : route.missMedianUs(), route.sigma());
    int queries = hit ? 0 : route.missQueries();
    long dbUs = queries == 0 ? 0 : (long) (durationUs * (0.5 + 0.4 * random.nextDouble()));
    int status = 200;
    String errorType = null;
    int roll = random.nextInt(1_000);
    if (roll < 3) {
      status = 503;
      errorType = "db-timeout";
      durationUs = 2_000_000 + random.nextInt(50_000);
      dbUs = durationUs;
      queries = 1;
    } else if (roll < 13) {
      status = 404;
      errorType = "not-found";
    }
    return new TimingEvent(
        TimingEvent.SCHEMA_VERSION,
        uuid(),
        uuid(),
        tsUs,
        "serving-api",
        "eu-west-1",
        "api-" + random.nextInt(instances) + ".eu-west-1.pitchey.internal",
        route.method(),
        route.route(),
        status,
        durationUs,
        dbUs,
        queries,
        cache,
        route.contentClass(),
        status == 200 ? 200 + random.nextInt(6_000) : 180,
        errorType);
  }

  private int pickRoute() {
    int ticket = random.nextInt(TOTAL_WEIGHT);
    for (int i = 0; i < ROUTES.length; i++) {
      ticket -= ROUTES[i].weight();
      if (ticket < 0) {
        return i;
      }
    }
    throw new AssertionError("weights add up to " + TOTAL_WEIGHT);
  }

  private long logNormal(double medianUs, double sigma) {
    return Math.max(1, Math.round(medianUs * Math.exp(sigma * random.nextGaussian())));
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static int totalWeight() {
    int total = 0;
    for (Route route : ROUTES) {
      total += route.weight();
    }
    return total;
  }
}
