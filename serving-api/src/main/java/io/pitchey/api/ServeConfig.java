package io.pitchey.api;

import io.pitchey.api.admin.AdminSettings;
import io.pitchey.api.cache.CacheSettings;
import io.pitchey.api.db.ReadRetry;
import io.pitchey.api.ingest.IngestLimits;
import io.pitchey.api.ratelimit.RateLimitSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.KafkaSettings;
import io.pitchey.config.NodeIdentity;
import io.pitchey.config.Settings;
import io.pitchey.ingest.publish.PublisherSettings;
import io.pitchey.sql.PoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The serving API's configuration, read once at start-up and immutable after (contracts §1).
 *
 * <p>Load it with {@code ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, file, env,
 * flags))}: {@link #DEFAULTS} sit below the file, the environment and the flags. Every value is
 * validated here, so a bad setting stops the process before anything starts, with a message naming
 * the setting.
 *
 * @param httpPort the port to listen on; 0 picks a free one (see {@link ServingApi#port()})
 * @param db the database: primary, and the read replica ({@code db.read-url}) when there is one;
 *     the caller pools it with {@code DatabasePools.open(db, "api", dbPool, dbReadRetry)}
 * @param dbPool the pools' size and timeouts ({@code db.pool-size}, default {@code cores * 2 + 1}
 *     clamped to 4..32; {@code db.connection-timeout}, default 1s; {@code db.statement-timeout},
 *     default 2s): a request waits at most about the sum of the two before it is answered 503
 * @param dbReadRetry how idempotent reads are retried after a transient failure ({@code
 *     db.read-retries}, {@code db.retry-backoff})
 * @param kafka where the caller's timing publisher sends events
 * @param node who is serving: {@code X-Edge-Location}, {@code X-Served-By} and the timing event key
 * @param cache the response cache's tiers
 * @param publisher the timing publisher's queue, disk spill and producer settings ({@code
 *     publisher.*}); the spill directory must be stable across restarts and not shared by two
 *     processes
 * @param requestLog write the structured request log (logger {@code io.pitchey.api.requests}): on
 *     when {@code request.log} is set, i.e. {@code PITCHEY_REQUEST_LOG} names the file the CLI's
 *     Logback configuration writes it to
 * @param ingest size limits and event time window of {@code POST /api/ingest/timings} ({@code
 *     ingest.max-bytes}, {@code ingest.max-lines}, {@code ingest.max-future-skew}, {@code
 *     ingest.max-age})
 * @param maxBodyBytes the largest request body any other endpoint accepts ({@code
 *     http.max-body-bytes}, 1 KiB..64 MiB, default 64 KiB); larger ones are refused with 413
 * @param rateLimit the per-caller rate limit ({@code ratelimit.*})
 * @param admin the admin endpoints' token ({@code admin.token}); none turns them off
 */
public record ServeConfig(
    int httpPort,
    DatabaseSettings db,
    PoolSettings dbPool,
    ReadRetry dbReadRetry,
    KafkaSettings kafka,
    NodeIdentity node,
    CacheSettings cache,
    PublisherSettings publisher,
    IngestLimits ingest,
    boolean requestLog,
    int maxBodyBytes,
    RateLimitSettings rateLimit,
    AdminSettings admin) {

  /** The service name in timing events and in {@code NodeIdentity}. */
  public static final String SERVICE = "serving-api";

  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1_024;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);

  /** The serving API's own defaults, to pass to {@code ConfigLayers.load}. */
  public static final Map<String, Object> DEFAULTS =
      Map.ofEntries(
          Map.entry("http.port", 7070),
          Map.entry("http.max-body-bytes", DEFAULT_MAX_BODY_BYTES),
          // database: pool, timeouts and read retries
          Map.entry("db.pool-size", PoolSettings.defaultSize()),
          Map.entry("db.connection-timeout", DEFAULT_CONNECTION_TIMEOUT.toMillis() + "ms"),
          Map.entry("db.statement-timeout", DEFAULT_STATEMENT_TIMEOUT.toMillis() + "ms"),
          Map.entry("db.read-retries", ReadRetry.DEFAULT_RETRIES),
          Map.entry("db.retry-backoff", ReadRetry.DEFAULT_FIRST_BACKOFF.toMillis() + "ms"),
          Map.entry("cache.heap-entries", 10_000),
          Map.entry("cache.offheap-mb", 64),
          Map.entry("cache.disk-mb", 256),
          Map.entry("ingest.max-bytes", IngestLimits.DEFAULT_MAX_BYTES),
          Map.entry("ingest.max-lines", IngestLimits.DEFAULT_MAX_LINES),
          // rate limit per caller: generous; load tests turn it off
          Map.entry("ratelimit.enabled", true),
          Map.entry("ratelimit.per-second", RateLimitSettings.DEFAULT_PER_SECOND),
          Map.entry("ratelimit.burst", RateLimitSettings.DEFAULT_BURST));

  public ServeConfig {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(dbPool, "dbPool");
    Objects.requireNonNull(dbReadRetry, "dbReadRetry");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(admin, "admin");
    if (httpPort < 0 || httpPort > 65_535) {
      throw new InvalidConfigException("http.port", "must be between 0 and 65535, was " + httpPort);
    }
    if (maxBodyBytes < 1_024 || maxBodyBytes > 64 << 20) {
      throw new InvalidConfigException(
          "http.max-body-bytes", "must be between 1024 and 67108864, was " + maxBodyBytes);
    }
  }

  /**
   * With the default pool timeouts, read retries, ingest and body limits, rate limit, no request
   * log and no admin endpoints.
   */
  public ServeConfig(
      int httpPort,
      DatabaseSettings db,
      int dbPoolSize,
      KafkaSettings kafka,
      NodeIdentity node,
      CacheSettings cache,
      PublisherSettings publisher) {
    this(
        httpPort,
        db,
        new PoolSettings(dbPoolSize, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT),
        ReadRetry.defaults(),
        kafka,
        node,
        cache,
        publisher,
        IngestLimits.defaults(),
        false,
        DEFAULT_MAX_BODY_BYTES,
        RateLimitSettings.defaults(),
        AdminSettings.disabled());
  }

  /** The most connections each of the API's pools may hold. */
  public int dbPoolSize() {
    return dbPool.maxSize();
  }

  public static ServeConfig from(Settings settings) {
    NodeIdentity node = NodeIdentity.from(settings, SERVICE);
    return new ServeConfig(
        settings.port("http.port"),
        DatabaseSettings.from(settings),
        poolSettings(settings),
        new ReadRetry(
            settings.integer("db.read-retries", 0, 5),
            settings.duration("db.retry-backoff", Duration.ZERO)),
        KafkaSettings.from(settings),
        node,
        CacheSettings.from(settings, node),
        PublisherSettings.from(settings),
        IngestLimits.from(settings),
        settings.has("request.log") && !settings.stringOrEmpty("request.log").isBlank(),
        settings.integer("http.max-body-bytes", 1_024, 64 << 20),
        RateLimitSettings.from(settings),
        AdminSettings.from(settings));
  }

  private static PoolSettings poolSettings(Settings settings) {
    return new PoolSettings(
        settings.integer("db.pool-size", 1, 1_000),
        settings.duration("db.connection-timeout", Duration.ofMillis(250)),
        settings.duration("db.statement-timeout", Duration.ZERO));
  }
}
