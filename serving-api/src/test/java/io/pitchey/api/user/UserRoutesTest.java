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
import io.pitchey.api.support.TestPitches;
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
class UserRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;
  private static SeedReport seeded;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
    client = api.client();
    seeded = DemoData.seed(api.dataSource(), 2, 0, 3);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_profile_is_public_counts_public_pitches_and_hides_the_email() {
    long userId = seeded.userIds().get(0);
    TestPitches pitches = new TestPitches(api.dataSource(), userId);
    pitches.insertPublished("One");
    pitches.insert("Two", "archived");
    pitches.insert("Three", "draft");

    HttpResponse<String> response = client.get("/api/users/" + userId);
    HttpResponse<String> again = client.get("/api/users/" + userId);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode profile = Json.of(response);
    assertThat(profile.path("id").asLong()).isEqualTo(userId);
    assertThat(profile.path("handle").asText()).isNotBlank();
    assertThat(profile.path("display_name").asText()).isNotBlank();
    assertThat(profile.path("public_pitch_count").asLong()).isEqualTo(2);
    assertThat(profile.has("email")).isFalse();
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=3600, stale-while-revalidate=300, stale-if-error=3600");
    assertThat(again.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    TimingEvent miss = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(miss.route()).isEqualTo("/api/users/{id}");
    assertThat(miss.contentClass()).isEqualTo(ContentClass.USER);
    assertThat(miss.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(miss.dbQueries()).isEqualTo(1);
  }

  @Test
  void an_unknown_user_is_404() {
    assertThat(client.get("/api/users/987654321").statusCode()).isEqualTo(404);
    assertThat(client.get("/api/users/me").statusCode()).isEqualTo(400);
  }
}
