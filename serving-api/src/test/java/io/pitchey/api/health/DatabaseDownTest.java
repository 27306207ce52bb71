package io.pitchey.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.ServeConfig;
import io.pitchey.api.ServingApi;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.UnreachableDatabase;
import io.pitchey.ingest.event.TimingEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over a database that refuses connections: unhealthy, failing cleanly, still measured. */
class DatabaseDownTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ServingApi api;
  private static ApiClient client;

  @BeforeAll
  static void start() {
    ServeConfig config =
        ApiFixture.config("jdbc:postgresql://127.0.0.1:1/none", "nobody", "-", cacheDir);
    api = ServingApi.start(config, UnreachableDatabase.dataSource(), events, MutableClock.atNow());
    client = new ApiClient(api.port());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void health_is_503_down_when_the_database_is_unreachable() {
    HttpResponse<String> response = client.get("/api/health");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.of(response).path("status").asText()).isEqualTo("DOWN");
    assertThat(Json.of(response).path("checks").path("database").path("status").asText())
        .isEqualTo("DOWN");
    // the public report names the kind of failure, not the driver's message with host and user
    assertThat(Json.of(response).path("checks").path("database").path("error").asText())
        .isEqualTo("unreachable");
    assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("nobody");
    assertThat(Json.of(response).path("checks").path("publisher").path("status").asText())
        .isEqualTo("UP");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
        .isEqualTo("unavailable");
  }

  @Test
  void a_query_that_cannot_connect_is_a_503_problem_with_retry_after_at_once() {
    long start = System.nanoTime();
    HttpResponse<String> response = client.get("/api/pitches/1");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:unavailable");
    assertThat(Json.of(response).path("detail").asText()).doesNotContain("127.0.0.1");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(event.status()).isEqualTo(503);
    assertThat(event.errorType()).isEqualTo("unavailable");
    assertThat(event.dbQueries()).isEqualTo(1);
  }
}
