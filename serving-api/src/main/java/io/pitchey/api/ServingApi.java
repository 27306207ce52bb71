package io.pitchey.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.pitchey.api.admin.AdminRoutes;
import io.pitchey.api.assets.AssetRoutes;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.auth.VerifiedTokens;
import io.pitchey.api.cache.CacheWarmer;
import io.pitchey.api.cache.InvalidationBus;
import io.pitchey.api.cache.KafkaInvalidationBus;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.db.Database;
import io.pitchey.api.db.ReadPath;
import io.pitchey.api.docs.OpenApiRoutes;
import io.pitchey.api.health.CacheCheck;
import io.pitchey.api.health.DatabaseCheck;
import io.pitchey.api.health.HealthRoutes;
import io.pitchey.api.health.PublisherCheck;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.BodyLimit;
import io.pitchey.api.http.ProblemMapper;
import io.pitchey.api.http.Routes;
import io.pitchey.api.ingest.IngestRoutes;
import io.pitchey.api.live.LiveRoutes;
import io.pitchey.api.live.TrendingRepository;
import io.pitchey.api.live.ViewBuffer;
import io.pitchey.api.live.ViewFlusher;
import io.pitchey.api.pitch.PitchRepository;
import io.pitchey.api.pitch.PitchRoutes;
import io.pitchey.api.pitch.PitchWriteRoutes;
import io.pitchey.api.ratelimit.RateLimitRoutes;
import io.pitchey.api.ratelimit.RateLimiter;
import io.pitchey.api.search.SearchRepository;
import io.pitchey.api.search.SearchRoutes;
import io.pitchey.api.timing.TimingCapture;
import io.pitchey.api.user.MeRoutes;
import io.pitchey.api.user.UserRepository;
import io.pitchey.api.user.UserRoutes;
import io.pitchey.ingest.publish.TimingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The running HTTP API. {@link #start} only wires: features, cache, timing capture, error mapping.
 *
 * <p>Guarantees: when {@code start} returns the server is listening on {@link #port()}; if it
 * throws, nothing it opened is left open. {@link #close()} stops the HTTP server first, so no
 * request can reach a closed cache or record a view after the last flush, then writes the buffered
 * views and closes the cache (each waiting a few seconds for background work: refreshes, the
 * invalidation consumer). With {@code cache.invalidation-bus} on, the cache shares invalidations
 * with the other instances over Kafka; {@code cache.warm-paths} are requested in the background
 * once the server listens. The caller owns the {@code DataSource} and the publisher and closes them
 * after this, so the last requests' queries and timing events are not cut off.
 */
public final class ServingApi implements AutoCloseable {
  /** How long {@link #close()} waits for requests in flight. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Javalin http;
  private final ResponseCache cache;
  private final ViewFlusher views;
  private final CacheWarmer warmer;

  private ServingApi(Javalin http, ResponseCache cache, ViewFlusher views, CacheWarmer warmer) {
    this.http = http;
    this.cache = cache;
    this.views = views;
    this.warmer = warmer;
  }

  /**
   * Starts serving over one pool for reads and writes.
   *
   * @param dataSource a pool on the application database, migrated ({@code Migrations.migrate})
   * @param publisher where every request's timing event goes
   * @param clock wall-clock time for timing events, cache freshness, token expiry and rate limits
   */
  public static ServingApi start(
      ServeConfig config, DataSource dataSource, TimingPublisher publisher, Clock clock) {
    return start(config, Database.of(dataSource, null, config.dbReadRetry()), publisher, clock);
  }

  /**
   * Starts serving.
   *
   * @param database the application database, migrated, with its read replica if there is one (e.g.
   *     {@code DatabasePools.open(config.db(), "api", config.dbPool(),
   *     config.dbReadRetry()).database()})
   * @param publisher where every request's timing event goes
   * @param clock wall-clock time for timing events, cache freshness, token expiry and rate limits
   */
  public static ServingApi start(
      ServeConfig config, Database database, TimingPublisher publisher, Clock clock) {
    ResponseCache cache = ResponseCache.open(config.cache(), clock, invalidationBus(config));
    ViewFlusher views =
        ViewFlusher.start(new ViewBuffer(database.writes(), clock), ViewFlusher.DEFAULT_INTERVAL);
    try {
      List<Routes> features = routes(config, database, cache, views.buffer(), publisher, clock);
      Javalin http =
          Javalin.create(javalin -> configure(javalin, config, publisher, clock, features));
      Javalin listening = listen(http, config.httpPort());
      return new ServingApi(listening, cache, views, warm(listening, config));
    } catch (RuntimeException e) {
      try (cache;
          views) {
        throw e;
      }
    }
  }

  /** Kafka when {@code cache.invalidation-bus} is on, else invalidations stay local. */
  private static InvalidationBus invalidationBus(ServeConfig config) {
    return config.cache().invalidationBus()
        ? KafkaInvalidationBus.connect(config.kafka().bootstrapServers(), config.node().instance())
        : InvalidationBus.localOnly();
  }

  /** Starts warming the listening server's cache; stops the server if that cannot start. */
  private static CacheWarmer warm(Javalin listening, ServeConfig config) {
    try {
      return CacheWarmer.start(listening.port(), config.cache().warmPaths());
    } catch (RuntimeException e) {
      listening.stop(); // before the cache closes: no request may reach a closed cache
      throw e;
    }
  }

  private static Javalin listen(Javalin http, int port) {
    try {
      return http.start(port);
    } catch (RuntimeException e) {
      http.stop(); // e.g. the port is taken: release whatever Jetty had started
      throw e;
    }
  }

  private static List<Routes> routes(
      ServeConfig config,
      Database database,
      ResponseCache cache,
      ViewBuffer views,
      TimingPublisher publisher,
      Clock clock) {
    VerifiedTokens verified = new VerifiedTokens(clock);
    List<Routes> features = new ArrayList<>(guards(config, verified, clock));
    features.addAll(features(config, database, verified, cache, views, publisher, clock));
    return features;
  }

  /** Before any feature: errors mapped, then callers limited, then bodies bounded. */
  private static List<Routes> guards(ServeConfig config, VerifiedTokens verified, Clock clock) {
    List<Routes> guards = new ArrayList<>();
    guards.add(new ProblemMapper(config.maxBodyBytes()));
    if (config.rateLimit().enabled()) {
      guards.add(
          new RateLimitRoutes(
              new RateLimiter(config.rateLimit(), clock), verified, Set.of(HealthRoutes.PATH)));
    }
    guards.add(new BodyLimit(config.maxBodyBytes(), Set.of(IngestRoutes.PATH)));
    return guards;
  }

  /**
   * Public reads (pitches, search, profiles, trending) go to the read replica when there is one:
   * they are cached anyway, so a replica's lag adds little to the staleness already accepted.
   * Tokens, the caller's own data ({@code /api/me}, the checks before a write), writes, and the
   * live view count stay on the primary: the count adds unwritten views to the stored ones under
   * the flush lock, which is exact only if it reads where the flush writes.
   */
  private static List<Routes> features(
      ServeConfig config,
      Database database,
      VerifiedTokens verified,
      ResponseCache cache,
      ViewBuffer views,
      TimingPublisher publisher,
      Clock clock) {
    DSLContext primary = database.writes();
    // public reads may be served by the replica, transient failures retried
    ReadPath replica = database.retryingReads();
    BearerAuthenticator authenticator = new BearerAuthenticator(primary, clock, verified);
    PitchRepository publicPitches = new PitchRepository(primary, replica);
    PitchRepository ownPitches = new PitchRepository(primary);
    return List.of(
        OpenApiRoutes.load(),
        AssetRoutes.fromClasspath(),
        new HealthRoutes(
            List.of(
                new DatabaseCheck(primary), new CacheCheck(cache), new PublisherCheck(publisher)),
            clock),
        new PitchRoutes(publicPitches, cache),
        new PitchWriteRoutes(authenticator, ownPitches, cache, clock),
        new SearchRoutes(new SearchRepository(replica), cache),
        new LiveRoutes(views, ownPitches, new TrendingRepository(replica), cache, clock),
        new UserRoutes(new UserRepository(replica), cache),
        new MeRoutes(authenticator, new UserRepository(primary), cache),
        new IngestRoutes(authenticator, publisher, config.ingest(), clock),
        new AdminRoutes(config.admin(), cache));
  }

  private static void configure(
      JavalinConfig javalin,
      ServeConfig config,
      TimingPublisher publisher,
      Clock clock,
      List<Routes> features) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
    // a request blocked on the database holds a virtual thread, not one of a bounded pool's
    javalin.concurrency.useVirtualThreads = true;
    // with a stop timeout, Jetty's context shuts down gracefully: requests in flight finish before
    // the cache and the pools close (Jetty's default, 0, cuts them off)
    javalin.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT.toMillis()));
    // bodies read through ctx.body*(), chunked ones included; BodyLimit checks declared lengths
    javalin.http.maxRequestSize = config.maxBodyBytes();
    // a known path under another method is a 405 with Allow (ProblemMapper), not a 404
    javalin.http.prefer405over404 = true;
    // cached replies carry their own strong ETag and pre-compressed body (CachedReply)
    javalin.http.generateEtags = false;
    TimingCapture.install(javalin, config.node(), publisher, clock, config.requestLog());
    features.forEach(feature -> feature.addTo(javalin.routes));
  }

  /** The port the server listens on: the configured one, or the one picked for port 0. */
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    try (cache;
        views) {
      try {
        warmer.close();
      } finally {
        http.stop(); // whatever the warmer did, no request may reach the closed cache
      }
    }
  }
}
