package io.pitchey.api;

import io.pitchey.api.admin.AdminSettings;
import io.pitchey.api.cache.CacheSettings;
import io.pitchey.api.ingest.IngestLimits;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.KafkaSettings;
import io.pitchey.config.NodeIdentity;
import io.pitchey.config.Settings;
import io.pitchey.ingest.publish.PublisherSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The serving API's configuration, read once at start-up and immutable after (INTERFACES §1).
 *
 * <p>Load it with {@code ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, file, env,
 * flags))}: {@link #DEFAULTS} sit below the file, the environment and the flags. Every value is
 * validated here, so a bad setting stops the process before anything starts, with a message naming
 * the setting.
 *
 * @param httpPort the port to listen on; 0 picks a free one (see {@link ServingApi#port()})
 * @param db the database the caller pools with {@code DataSources.pooled(db, "api", dbPoolSize)}
 * @param dbPoolSize the most connections the API's pool may hold
 * @param kafka where the caller's timing publisher sends events
 * @param node who is serving: {@code X-Edge-Location}, {@code X-Served-By} and the timing event key
 * @param cache the response cache's tiers, stale-if-error window ({@code cache.max-stale}),
 *     cross-instance invalidation ({@code cache.invalidation-bus}) and warm-up paths ({@code
 *     cache.warm-paths})
 * @param publisher the timing publisher's queue, disk spill and producer settings ({@code
 *     publisher.*}); the spill directory must be stable across restarts and not shared by two
 *     processes
 * @param requestLog write the structured request log (logger {@code io.pitchey.api.requests}): on
 *     when {@code request.log} is set, i.e. {@code PITCHEY_REQUEST_LOG} names the file the CLI's
 *     Logback configuration writes it to
 * @param ingest size limits and event time window of {@code POST /api/ingest/timings} ({@code
 *     ingest.max-bytes}, {@code ingest.max-lines}, {@code ingest.max-future-skew}, {@code
 *     ingest.max-age})
 * @param admin the admin endpoints' token ({@code admin.token}); none turns them off
 */
public record ServeConfig(
    int httpPort,
    DatabaseSettings db,
    int dbPoolSize,
    KafkaSettings kafka,
    NodeIdentity node,
    CacheSettings cache,
    PublisherSettings publisher,
    IngestLimits ingest,
    boolean requestLog,
    AdminSettings admin) {

  /** The service name in timing events and in {@code NodeIdentity}. */
  public static final String SERVICE = "serving-api";

  /** The serving API's own defaults, to pass to {@code ConfigLayers.load}. */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "http.port", 7070,
          "db.pool-size", 16,
          "cache.heap-entries", 10_000,
          "cache.offheap-mb", 64,
          "cache.disk-mb", 256,
          "ingest.max-bytes", IngestLimits.DEFAULT_MAX_BYTES,
          "ingest.max-lines", IngestLimits.DEFAULT_MAX_LINES);

  public ServeConfig {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(admin, "admin");
    if (httpPort < 0 || httpPort > 65_535) {
      throw new InvalidConfigException("http.port", "must be between 0 and 65535, was " + httpPort);
    }
    if (dbPoolSize < 1) {
      throw new InvalidConfigException("db.pool-size", "must be at least 1, was " + dbPoolSize);
    }
  }

  /** Without admin endpoints. */
  public ServeConfig(
      int httpPort,
      DatabaseSettings db,
      int dbPoolSize,
      KafkaSettings kafka,
      NodeIdentity node,
      CacheSettings cache,
      PublisherSettings publisher,
      IngestLimits ingest,
      boolean requestLog) {
    this(
        httpPort,
        db,
        dbPoolSize,
        kafka,
        node,
        cache,
        publisher,
        ingest,
        requestLog,
        AdminSettings.disabled());
  }

  /** With the default ingest limits, no request log and no admin endpoints. */
  public ServeConfig(
      int httpPort,
      DatabaseSettings db,
      int dbPoolSize,
      KafkaSettings kafka,
      NodeIdentity node,
      CacheSettings cache,
      PublisherSettings publisher) {
    this(httpPort, db, dbPoolSize, kafka, node, cache, publisher, IngestLimits.defaults(), false);
  }

  public static ServeConfig from(Settings settings) {
    NodeIdentity node = NodeIdentity.from(settings, SERVICE);
    return new ServeConfig(
        settings.port("http.port"),
        DatabaseSettings.from(settings),
        settings.integer("db.pool-size", 1, 1_000),
        KafkaSettings.from(settings),
        node,
        CacheSettings.from(settings, node),
        PublisherSettings.from(settings),
        IngestLimits.from(settings),
        settings.has("request.log") && !settings.stringOrEmpty("request.log").isBlank(),
        AdminSettings.from(settings));
  }
}
