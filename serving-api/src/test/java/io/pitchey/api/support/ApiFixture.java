package io.pitchey.api.support;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.ServeConfig;
import io.pitchey.api.ServingApi;
import io.pitchey.api.db.DatabasePools;
import io.pitchey.config.ConfigLayers;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.publish.TimingPublisher;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A serving API on a random port over its own freshly migrated database, configured through the
 * real configuration layers as the CLI does. The API runs on its own pools ({@link DatabasePools},
 * with the configured connection and statement timeouts); migrations and test set-up use a separate
 * pool without a statement timeout ({@link #dataSource()}).
 */
public final class ApiFixture implements AutoCloseable {
  public static final String REGION = "test-region";
  public static final String INSTANCE = "test-instance-1";

  private final HikariDataSource dataSource;
  private final DatabasePools pools;
  private final String database;
  private final ServingApi api;

  private ApiFixture(
      HikariDataSource dataSource, DatabasePools pools, ServingApi api, String database) {
    this.dataSource = dataSource;
    this.pools = pools;
    this.database = database;
    this.api = api;
  }

  public static ApiFixture start(
      LocalPostgres postgres, Path cacheDir, TimingPublisher publisher, Clock clock) {
    return start(postgres, cacheDir, publisher, clock, Map.of());
  }

  /** With more settings, as {@code --set key=value} flags would give them. */
  public static ApiFixture start(
      LocalPostgres postgres,
      Path cacheDir,
      TimingPublisher publisher,
      Clock clock,
      Map<String, String> moreFlags) {
    return startOn(
        postgres,
        postgres.createUniqueDatabase("serving_api"),
        cacheDir,
        publisher,
        clock,
        moreFlags);
  }

  /**
   * A further instance on the database of another fixture ({@link #database()}), as a second
   * serving instance of one deployment; give it its own cache directory and {@code instance}.
   */
  public static ApiFixture startOn(
      LocalPostgres postgres,
      String database,
      Path cacheDir,
      TimingPublisher publisher,
      Clock clock,
      Map<String, String> moreFlags) {
    ServeConfig config =
        config(
            postgres.jdbcUrl(database), postgres.user(), postgres.password(), cacheDir, moreFlags);
    HikariDataSource dataSource = DataSources.pooled(config.db(), "api-test-setup", 4);
    DatabasePools pools = null;
    try {
      Migrations.migrate(dataSource);
      pools = DatabasePools.open(config.db(), "api-test", config.dbPool(), config.dbReadRetry());
      return new ApiFixture(
          dataSource,
          pools,
          ServingApi.start(config, pools.database(), publisher, clock),
          database);
    } catch (RuntimeException e) {
      if (pools != null) {
        pools.close();
      }
      dataSource.close();
      throw e;
    }
  }

  /** The API's configuration as the CLI would load it from these flags. */
  public static ServeConfig config(String jdbcUrl, String user, String password, Path cacheDir) {
    return config(jdbcUrl, user, password, cacheDir, Map.of());
  }

  private static ServeConfig config(
      String jdbcUrl, String user, String password, Path cacheDir, Map<String, String> moreFlags) {
    Map<String, String> flags = new HashMap<>();
    flags.put("http.port", "0");
    flags.put("db.url", jdbcUrl);
    flags.put("db.user", user);
    flags.put("db.password", password);
    flags.put("db.pool-size", "4");
    // the fixture's clock stands still, so buckets would never refill; RateLimitTest turns it on
    flags.put("ratelimit.enabled", "false");
    flags.put("cache.dir", cacheDir.toString());
    flags.put("cache.offheap-mb", "4");
    flags.put("cache.disk-mb", "8");
    flags.put("region", REGION);
    flags.put("instance", INSTANCE);
    flags.putAll(moreFlags);
    return ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags));
  }

  public ApiClient client() {
    return new ApiClient(api.port());
  }

  public int port() {
    return api.port();
  }

  /** The name of this fixture's database on the shared PostgreSQL. */
  public String database() {
    return database;
  }

  /** A pool on the API's database for test set-up: no statement timeout. */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  /** The API's own pools. */
  public DatabasePools pools() {
    return pools;
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      try {
        pools.close();
      } finally {
        dataSource.close();
      }
    }
  }
}
