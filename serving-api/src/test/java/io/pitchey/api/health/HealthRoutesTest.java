package io.pitchey.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class HealthRoutesTest {

  @Test
  void health_is_up_and_reports_every_check(LocalPostgres postgres, @TempDir Path cacheDir) {
    try (ApiFixture api =
        ApiFixture.start(postgres, cacheDir, new RecordingPublisher(), MutableClock.atNow())) {
      HttpResponse<String> response = api.client().get("/api/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("BYPASS");
      JsonNode health = Json.of(response);
      assertThat(health.path("status").asText()).isEqualTo("UP");
      assertThat(health.path("checks").path("database").path("status").asText()).isEqualTo("UP");
      assertThat(health.path("checks").path("database").path("latency_ms").isNumber()).isTrue();
      assertThat(health.path("checks").path("cache").path("status").asText()).isEqualTo("UP");
      assertThat(health.path("checks").path("publisher").path("status").asText()).isEqualTo("UP");
      assertThat(health.path("checks").path("publisher").has("dropped")).isTrue();
    }
  }

  @Test
  void a_cache_without_its_disk_tier_is_reported_degraded_without_its_path(
      LocalPostgres postgres, @TempDir Path cacheDir) {
    try (ApiFixture first =
            ApiFixture.start(postgres, cacheDir, new RecordingPublisher(), MutableClock.atNow());
        ApiFixture second =
            ApiFixture.start(postgres, cacheDir, new RecordingPublisher(), MutableClock.atNow())) {
      JsonNode cache = Json.of(second.client().get("/api/health")).path("checks").path("cache");
      JsonNode healthy = Json.of(first.client().get("/api/health")).path("checks").path("cache");

      assertThat(cache.path("status").asText()).isEqualTo("DEGRADED");
      assertThat(cache.path("disk_tier").asBoolean()).isFalse();
      assertThat(cache.path("degraded_reason").asText()).isEqualTo("disk tier unavailable");
      assertThat(healthy.path("status").asText()).isEqualTo("UP");
      assertThat(healthy.path("disk_tier").asBoolean()).isTrue();
    }
  }
}
