package io.pitchey.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.ServeConfig;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every endpoint answers before its handler runs: unknown paths, wrong methods, big bodies.
 */
@ExtendWith(DevStackExtension.class)
class RequestGuardsTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void an_unknown_path_is_a_404_problem() {
    HttpResponse<String> response = client.get("/api/no-such-thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    assertThat(Json.of(response).path("type").asText()).isEqualTo("urn:pitchey:problem:not-found");
  }

  @Test
  void a_wrong_method_on_a_known_path_is_a_405_with_allow() {
    HttpResponse<String> response = client.send(client.request("/api/health").DELETE().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:method-not-allowed");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
        .isEqualTo("method-not-allowed");
  }

  @Test
  void a_body_over_the_limit_is_a_413_problem_on_any_endpoint() {
    byte[] body = new byte[ServeConfig.DEFAULT_MAX_BODY_BYTES + 1];

    HttpResponse<String> response =
        client.send(
            client
                .request("/api/pitches/1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:payload-too-large");
    assertThat(Json.of(response).path("detail").asText())
        .contains(ServeConfig.DEFAULT_MAX_BODY_BYTES + " bytes are accepted");
  }

  @Test
  void a_body_within_the_limit_reaches_routing() {
    byte[] body = new byte[ServeConfig.DEFAULT_MAX_BODY_BYTES];

    HttpResponse<String> response =
        client.send(
            client
                .request("/api/users/1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
