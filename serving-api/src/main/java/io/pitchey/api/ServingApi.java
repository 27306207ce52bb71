package io.pitchey.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.pitchey.api.assets.AssetRoutes;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.db.Database;
import io.pitchey.api.health.CacheCheck;
import io.pitchey.api.health.DatabaseCheck;
import io.pitchey.api.health.HealthRoutes;
import io.pitchey.api.health.PublisherCheck;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.ProblemMapper;
import io.pitchey.api.http.Routes;
import io.pitchey.api.ingest.IngestRoutes;
import io.pitchey.api.pitch.PitchRepository;
import io.pitchey.api.pitch.PitchRoutes;
import io.pitchey.api.timing.TimingCapture;
import io.pitchey.api.user.MeRoutes;
import io.pitchey.api.user.UserRepository;
import io.pitchey.ingest.publish.TimingPublisher;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * The running HTTP API. {@link #start} only wires: features, cache, timing capture, error mapping.
 *
 * <p>Guarantees: when {@code start} returns the server is listening on {@link #port()}; if it
 * throws, nothing it opened is left open. {@link #close()} stops the HTTP server first, so no
 * request can reach a closed cache, then closes the cache (waiting a few seconds for background
 * refreshes). The caller owns the {@code DataSource} and the publisher and closes them after this,
 * so the last requests' queries and timing events are not cut off.
 */
public final class ServingApi implements AutoCloseable {
  private final Javalin http;
  private final ResponseCache cache;

  private ServingApi(Javalin http, ResponseCache cache) {
    this.http = http;
    this.cache = cache;
  }

  /**
   * Starts serving.
   *
   * @param dataSource a pool on the application database, migrated ({@code Migrations.migrate})
   * @param publisher where every request's timing event goes
   * @param clock wall-clock time for timing events, cache freshness and token expiry
   */
  public static ServingApi start(
      ServeConfig config, DataSource dataSource, TimingPublisher publisher, Clock clock) {
    ResponseCache cache = ResponseCache.open(config.cache(), clock);
    try {
      List<Routes> features = features(config, Database.using(dataSource), cache, publisher, clock);
      Javalin http =
          Javalin.create(javalin -> configure(javalin, config, publisher, clock, features));
      return new ServingApi(listen(http, config.httpPort()), cache);
    } catch (RuntimeException e) {
      cache.close();
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

  private static List<Routes> features(
      ServeConfig config,
      DSLContext sql,
      ResponseCache cache,
      TimingPublisher publisher,
      Clock clock) {
    BearerAuthenticator authenticator = new BearerAuthenticator(sql, clock);
    return List.of(
        new ProblemMapper(),
        AssetRoutes.fromClasspath(),
        new HealthRoutes(
            List.of(new DatabaseCheck(sql), new CacheCheck(cache), new PublisherCheck(publisher))),
        new PitchRoutes(new PitchRepository(sql), cache),
        new MeRoutes(authenticator, new UserRepository(sql)),
        new IngestRoutes(authenticator, publisher, config.ingest(), clock));
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
    TimingCapture.install(javalin, config.node(), publisher, clock, config.requestLog());
    features.forEach(feature -> feature.addTo(javalin.routes));
  }

  /** The port the server listens on: the configured one, or the one picked for port 0. */
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    try {
      http.stop();
    } finally {
      cache.close();
    }
  }
}
