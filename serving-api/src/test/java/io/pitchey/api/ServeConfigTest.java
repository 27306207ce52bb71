package io.pitchey.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.config.ConfigLayers;
import io.pitchey.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeConfigTest {
  // config's reference.conf sets db.password = "", which Settings.optionalString rejects as empty
  private static final Map<String, String> PASSWORD = Map.of("db.password", "secret");

  @Test
  void defaults_listen_on_7070_with_a_cache_directory_per_instance() {
    ServeConfig config =
        ServeConfig.from(
            ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags("instance", "api-7")));

    assertThat(config.httpPort()).isEqualTo(7070);
    assertThat(config.node().service()).isEqualTo("serving-api");
    assertThat(config.cache().directory()).endsWithRaw(Path.of("pitchey-cache", "api-7"));
    assertThat(config.cache().diskMb()).isGreaterThan(config.cache().offHeapMb());
  }

  @Test
  void the_environment_overrides_defaults_and_flags_override_the_environment() {
    Map<String, String> env =
        Map.of("PITCHEY_HTTP_PORT", "8080", "PITCHEY_CACHE_HEAP_ENTRIES", "50");
    ServeConfig config =
        ServeConfig.from(
            ConfigLayers.load(ServeConfig.DEFAULTS, null, env, flags("http.port", "9090")));

    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.cache().heapEntries()).isEqualTo(50);
  }

  @Test
  void a_disk_tier_no_larger_than_off_heap_is_rejected_naming_the_setting() {
    Map<String, String> flags = flags("cache.offheap-mb", "64", "cache.disk-mb", "64");

    assertThatThrownBy(
            () -> ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cache.disk-mb");
  }

  @Test
  void ingest_limits_and_the_request_log_come_from_settings() {
    ServeConfig defaults =
        ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags()));
    ServeConfig set =
        ServeConfig.from(
            ConfigLayers.load(
                ServeConfig.DEFAULTS,
                null,
                Map.of("PITCHEY_REQUEST_LOG", "/var/log/pitchey/requests.jsonl"),
                flags("ingest.max-bytes", "65536", "ingest.max-lines", "100")));

    assertThat(defaults.ingest().maxBytes()).isEqualTo(1 << 20);
    assertThat(defaults.ingest().maxLines()).isEqualTo(5_000);
    assertThat(defaults.requestLog()).isFalse();
    assertThat(set.ingest().maxBytes()).isEqualTo(65_536);
    assertThat(set.ingest().maxLines()).isEqualTo(100);
    assertThat(set.requestLog()).isTrue();
    assertThatThrownBy(
            () ->
                ServeConfig.from(
                    ConfigLayers.load(
                        ServeConfig.DEFAULTS, null, Map.of(), flags("ingest.max-lines", "0"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("ingest.max-lines");
  }

  @Test
  void database_timeouts_body_limit_and_rate_limit_have_safe_defaults() {
    ServeConfig config =
        ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags()));

    assertThat(config.dbPool().maxSize()).isBetween(4, 32);
    assertThat(config.dbPool().connectionTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.dbPool().statementTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.dbReadRetry().retries()).isEqualTo(2);
    assertThat(config.maxBodyBytes()).isEqualTo(64 * 1_024);
    assertThat(config.rateLimit().enabled()).isTrue();
    assertThat(config.rateLimit().burst()).isGreaterThanOrEqualTo(config.rateLimit().perSecond());
  }

  @Test
  void the_new_settings_are_read_from_flags() {
    ServeConfig config =
        ServeConfig.from(
            ConfigLayers.load(
                ServeConfig.DEFAULTS,
                null,
                Map.of("PITCHEY_RATELIMIT_ENABLED", "false"),
                flags(
                    "db.statement-timeout", "0s",
                    "db.connection-timeout", "250ms",
                    "db.read-retries", "0",
                    "http.max-body-bytes", "2048",
                    "ratelimit.per-second", "5000",
                    "ratelimit.burst", "10000")));

    assertThat(config.dbPool().hasStatementTimeout()).isFalse();
    assertThat(config.dbPool().connectionTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.dbReadRetry().retries()).isZero();
    assertThat(config.maxBodyBytes()).isEqualTo(2_048);
    assertThat(config.rateLimit().enabled()).isFalse();
    assertThat(config.rateLimit().perSecond()).isEqualTo(5_000);
    assertThat(config.rateLimit().burst()).isEqualTo(10_000);
  }

  @ParameterizedTest
  @CsvSource({
    "db.statement-timeout, 50ms",
    "db.connection-timeout, 100ms",
    "db.read-retries, 9",
    "http.max-body-bytes, 10",
    "ratelimit.burst, 1",
    "ratelimit.per-second, 0"
  })
  void an_out_of_range_setting_stops_start_up_naming_it(String key, String value) {
    Map<String, String> flags = flags(key, value);

    assertThatThrownBy(
            () -> ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(key);
  }

  private static Map<String, String> flags(String... keysAndValues) {
    Map<String, String> flags = new HashMap<>(PASSWORD);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      flags.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return flags;
  }

  @Test
  void cache_behaviour_and_the_admin_token_come_from_settings() {
    ServeConfig defaults =
        ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags()));
    ServeConfig set =
        ServeConfig.from(
            ConfigLayers.load(
                ServeConfig.DEFAULTS,
                null,
                Map.of("PITCHEY_ADMIN_TOKEN", "a-long-enough-admin-secret"),
                flags(
                    "cache.max-stale", "2h",
                    "cache.invalidation-bus", "true",
                    "cache.warm-paths", "/api/pitches?page=1, /api/live/trending")));

    assertThat(defaults.cache().maxStale()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.cache().invalidationBus()).isFalse();
    assertThat(defaults.cache().warmPaths()).isEmpty();
    assertThat(defaults.admin().configuredToken()).isEmpty();
    assertThat(set.cache().maxStale()).isEqualTo(Duration.ofHours(2));
    assertThat(set.cache().invalidationBus()).isTrue();
    assertThat(set.cache().warmPaths())
        .containsExactly("/api/pitches?page=1", "/api/live/trending");
    assertThat(set.admin().configuredToken())
        .hasValueSatisfying(
            token -> assertThat(token.matches("a-long-enough-admin-secret")).isTrue());
    assertThat(set.admin().toString()).doesNotContain("a-long-enough-admin-secret");
  }

  @Test
  void a_short_admin_token_or_a_relative_warm_path_is_rejected_naming_the_setting() {
    assertThatThrownBy(
            () ->
                ServeConfig.from(
                    ConfigLayers.load(
                        ServeConfig.DEFAULTS, null, Map.of(), flags("admin.token", "short"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("admin.token");
    assertThatThrownBy(
            () ->
                ServeConfig.from(
                    ConfigLayers.load(
                        ServeConfig.DEFAULTS,
                        null,
                        Map.of(),
                        flags("cache.warm-paths", "api/pitches"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cache.warm-paths");
  }
}
