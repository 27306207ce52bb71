package io.pitchey.api.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class PitchRoutesTest {
  @TempDir static Path cacheDir;
  private static final MutableClock clock = MutableClock.atNow();
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;
  private static TestPitches pitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, clock);
    client = api.client();
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_pitch_is_json_with_its_owner_and_caching_headers() {
    long id = pitches.insertPublished("The Quiet Harbor");

    HttpResponse<String> response = client.get("/api/pitches/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode pitch = Json.of(response);
    assertThat(pitch.path("id").asLong()).isEqualTo(id);
    assertThat(pitch.path("title").asText()).isEqualTo("The Quiet Harbor");
    assertThat(pitch.path("owner").path("handle").asText()).isNotBlank();
    assertThat(pitch.path("view_count").isNumber()).isTrue();
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=900, stale-while-revalidate=60, stale-if-error=3600");
    assertThat(response.headers().firstValue("ETag"))
        .hasValueSatisfying(tag -> assertThat(tag).startsWith("\""));
    assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    assertThat(response.headers().firstValue("X-Edge-Location")).hasValue(ApiFixture.REGION);
    assertThat(response.headers().firstValue("X-Served-By")).hasValue(ApiFixture.INSTANCE);
    assertThat(response.headers().firstValue("Server-Timing"))
        .hasValueSatisfying(
            timing ->
                assertThat(timing)
                    .matches(
                        "cache;desc=miss, db;dur=\\d+\\.\\d{3}, app;dur=\\d+\\.\\d{3},"
                            + " total;dur=\\d+\\.\\d{3}"));
  }

  @Test
  void a_second_read_is_a_cache_hit_that_runs_no_query() {
    long id = pitches.insertPublished("The Paper Signal");

    TimingEvent miss = events.awaitEventOf(ApiClient.requestIdOf(client.get("/api/pitches/" + id)));
    HttpResponse<String> second = client.get("/api/pitches/" + id);
    TimingEvent hit = events.awaitEventOf(ApiClient.requestIdOf(second));

    assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    assertThat(miss.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(miss.dbQueries()).isEqualTo(1);
    assertThat(miss.dbUs()).isPositive();
    assertThat(miss.contentClass()).isEqualTo(ContentClass.PITCH);
    assertThat(hit.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(hit.dbQueries()).isZero();
    assertThat(hit.dbUs()).isZero();
  }

  @Test
  void cached_pitch_is_served_stale_while_revalidating() {
    long id = pitches.insertPublished("Before");
    client.get("/api/pitches/" + id);
    pitches.retitle(id, "After");
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    HttpResponse<String> stale = client.get("/api/pitches/" + id);

    assertThat(stale.headers().firstValue("X-Cache-Status")).hasValue("STALE");
    assertThat(Json.of(stale).path("title").asText()).isEqualTo("Before");
    assertThat(stale.headers().firstValue("Age")).hasValue("901");
    HttpResponse<String> refreshed =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> client.get("/api/pitches/" + id),
                r -> r.headers().firstValue("X-Cache-Status").orElseThrow().equals("HIT"));
    assertThat(Json.of(refreshed).path("title").asText()).isEqualTo("After");
  }

  @Test
  void a_pitch_past_stale_while_revalidate_is_reloaded_before_answering() {
    long id = pitches.insertPublished("Before");
    client.get("/api/pitches/" + id);
    pitches.retitle(id, "After");
    clock.advance(Duration.ofMinutes(16));

    HttpResponse<String> reloaded = client.get("/api/pitches/" + id);

    assertThat(reloaded.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    assertThat(Json.of(reloaded).path("title").asText()).isEqualTo("After");
  }

  @Test
  void a_client_holding_the_current_etag_gets_304_without_a_body() {
    long id = pitches.insertPublished("The Borrowed Tide");
    String etag = client.get("/api/pitches/" + id).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> notModified = client.get("/api/pitches/" + id, "If-None-Match", etag);

    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(notModified)).bytes()).isZero();
  }

  @Test
  void unknown_pitch_is_a_problem_json_404() {
    HttpResponse<String> response = client.get("/api/pitches/987654321");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:not-found");
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).contains("987654321");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/pitches/987654321");
    assertThat(problem.path("request_id").asText()).isEqualTo(ApiClient.requestIdOf(response));
  }

  @Test
  void head_of_a_pitch_has_the_get_headers_and_no_body() {
    long id = pitches.insertPublished("Heads Or Tails");
    String etag = client.get("/api/pitches/" + id).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> head = client.head("/api/pitches/" + id);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("ETag")).hasValue(etag);
    assertThat(head.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=900, stale-while-revalidate=60, stale-if-error=3600");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(head)).route())
        .isEqualTo("/api/pitches/{id}");
  }

  @Test
  void head_of_a_missing_pitch_is_404() {
    HttpResponse<String> head = client.head("/api/pitches/999999");

    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void a_draft_is_not_public() {
    long id = pitches.insert("Work in Progress", "draft");

    assertThat(client.get("/api/pitches/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void a_non_numeric_id_is_a_problem_json_400() {
    HttpResponse<String> response = client.get("/api/pitches/abc");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:validation");
    assertThat(problem.path("detail").asText()).contains("'abc'");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(event.errorType()).isEqualTo("validation");
    assertThat(event.route()).isEqualTo("/api/pitches/{id}");
  }
}
