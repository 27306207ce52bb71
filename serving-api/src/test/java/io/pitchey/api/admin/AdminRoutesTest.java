package io.pitchey.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class AdminRoutesTest {
  private static final String TOKEN = "admin-secret-for-tests-0123456789";

  @TempDir static Path cacheDir;
  @TempDir static Path otherCacheDir;
  private static final MutableClock clock = MutableClock.atNow();
  private static ApiFixture api;
  private static ApiFixture withoutToken;
  private static TestPitches pitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api =
        ApiFixture.start(
            postgres, cacheDir, new RecordingPublisher(), clock, Map.of("admin.token", TOKEN));
    withoutToken = ApiFixture.start(postgres, otherCacheDir, new RecordingPublisher(), clock);
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    try {
      api.close();
    } finally {
      withoutToken.close();
    }
  }

  @Test
  void invalidating_a_pattern_drops_the_cached_entries_it_matches() {
    long id = pitches.insertPublished("The Quiet Harbor");
    long other = pitches.insertPublished("The Paper Signal");
    get("/api/pitches/" + id);
    get("/api/pitches/" + other);

    HttpResponse<String> response =
        post("/api/admin/cache/invalidate?pattern=pitch:" + id, "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.of(response);
    assertThat(body.path("pattern").asText()).isEqualTo("pitch:" + id);
    assertThat(body.path("removed").asInt()).isEqualTo(1);
    assertThat(cacheStatus("/api/pitches/" + id)).isEqualTo("MISS");
    assertThat(cacheStatus("/api/pitches/" + other)).isEqualTo("HIT");
  }

  @Test
  void invalidating_a_prefix_drops_every_key_of_the_class() {
    long id = pitches.insertPublished("The Borrowed Tide");
    get("/api/pitches/" + id);

    HttpResponse<String> response =
        post("/api/admin/cache/invalidate?pattern=pitch:*", "Bearer " + TOKEN);

    assertThat(Json.of(response).path("removed").asInt()).isPositive();
    assertThat(cacheStatus("/api/pitches/" + id)).isEqualTo("MISS");
  }

  @Test
  void stats_report_every_tier_and_the_lookups_by_status() {
    long id = pitches.insertPublished("The Long Field");
    get("/api/pitches/" + id);
    get("/api/pitches/" + id);

    HttpResponse<String> response =
        new ApiClient(api.port()).get("/api/admin/cache/stats", "Authorization", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode stats = Json.of(response);
    assertThat(stats.path("tiers").has("OnHeap")).isTrue();
    assertThat(stats.path("tiers").has("OffHeap")).isTrue();
    assertThat(stats.path("tiers").path("Disk").path("mappings").asLong()).isPositive();
    assertThat(stats.path("tiers").path("Disk").has("occupied_bytes")).isTrue();
    assertThat(stats.path("lookups").path("HIT").asLong()).isPositive();
    assertThat(stats.path("lookups").path("MISS").asLong()).isPositive();
    assertThat(stats.path("disk_tier").asBoolean()).isTrue();
  }

  @Test
  void a_request_without_a_token_is_401_with_a_bearer_challenge() {
    HttpResponse<String> response = post("/api/admin/cache/invalidate?pattern=pitch:*", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Json.of(response).path("type").asText()).endsWith("unauthorized");
  }

  @Test
  void a_wrong_token_is_403() {
    HttpResponse<String> response =
        new ApiClient(api.port())
            .get("/api/admin/cache/stats", "Authorization", "Bearer " + TOKEN + "x");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Json.of(response).path("type").asText()).isEqualTo("urn:pitchey:problem:forbidden");
  }

  @Test
  void without_a_configured_token_the_admin_endpoints_do_not_exist() {
    HttpResponse<String> response =
        new ApiClient(withoutToken.port())
            .get("/api/admin/cache/stats", "Authorization", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void a_pattern_is_required() {
    HttpResponse<String> response = post("/api/admin/cache/invalidate", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
  }

  private static String cacheStatus(String path) {
    return get(path).headers().firstValue("X-Cache-Status").orElseThrow();
  }

  private static HttpResponse<String> get(String path) {
    return api.client().get(path);
  }

  private static HttpResponse<String> post(String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.client().send(request.build());
  }
}
