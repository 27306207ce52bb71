package io.pitchey.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.demo.SeedReport;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class MeRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;
  private static SeedReport seeded;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
    client = api.client();
    seeded = DemoData.seed(api.dataSource(), 3, 0, 3);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_demo_token_authenticates_its_user_privately() {
    long userId = seeded.userIds().get(1);
    String token = DemoData.createToken(api.dataSource(), userId);

    HttpResponse<String> response = client.get("/api/me", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = Json.of(response);
    assertThat(me.path("id").asLong()).isEqualTo(userId);
    assertThat(me.path("email").asText()).endsWith("@demo.pitchey.test");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding, Authorization");
    assertThat(response.headers().firstValue("CDN-Cache-Control")).isEmpty();
    assertThat(response.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(event.route()).isEqualTo("/api/me");
    assertThat(event.contentClass()).isEqualTo(ContentClass.USER);
    assertThat(event.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(event.dbQueries()).isEqualTo(2);
  }

  @Test
  void head_of_me_without_a_token_is_401() {
    HttpResponse<String> head = client.head("/api/me");

    assertThat(head.statusCode()).isEqualTo(401);
    assertThat(head.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void a_second_read_is_cached_per_user_and_still_checks_the_token() {
    long first = seeded.userIds().get(0);
    long second = seeded.userIds().get(2);
    String firstToken = DemoData.createToken(api.dataSource(), first);
    String secondToken = DemoData.createToken(api.dataSource(), second);
    client.get("/api/me", "Authorization", "Bearer " + firstToken);

    HttpResponse<String> again = client.get("/api/me", "Authorization", "Bearer " + firstToken);
    HttpResponse<String> other = client.get("/api/me", "Authorization", "Bearer " + secondToken);

    assertThat(again.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    assertThat(Json.of(again).path("id").asLong()).isEqualTo(first);
    assertThat(Json.of(other).path("id").asLong()).isEqualTo(second);
    TimingEvent hit = events.awaitEventOf(ApiClient.requestIdOf(again));
    assertThat(hit.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(hit.dbQueries()).isEqualTo(1); // the token check
  }

  @Test
  void no_token_is_a_401_problem_with_a_bearer_challenge() {
    HttpResponse<String> response = client.get("/api/me");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:unauthorized");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
        .isEqualTo("unauthorized");
  }

  @Test
  void an_unknown_token_is_a_401_problem() {
    HttpResponse<String> response =
        client.get("/api/me", "Authorization", "Bearer not-a-real-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Json.of(response).path("detail").asText()).contains("not valid");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"invalid_token\"");
  }
}
