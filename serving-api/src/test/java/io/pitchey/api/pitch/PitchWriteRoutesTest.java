package io.pitchey.api.pitch;

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
class PitchWriteRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;
  private static long owner;
  private static String[] asOwner;
  private static String[] asOther;
  private static TestPitches othersPitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
    client = api.client();
    SeedReport seeded = DemoData.seed(api.dataSource(), 2, 0, 5);
    owner = seeded.userIds().get(0);
    long other = seeded.userIds().get(1);
    asOwner = bearer(DemoData.createToken(api.dataSource(), owner));
    asOther = bearer(DemoData.createToken(api.dataSource(), other));
    othersPitches = new TestPitches(api.dataSource(), other);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void creating_a_pitch_answers_201_with_its_location_and_body() {
    HttpResponse<String> created =
        client.post(
            "/api/pitches",
            body("The Glass Orchard", "fantasy", "published", "A synopsis of glass trees."),
            asOwner);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode pitch = Json.of(created);
    long id = pitch.path("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/pitches/" + id);
    assertThat(pitch.path("owner").path("id").asLong()).isEqualTo(owner);
    assertThat(pitch.path("synopsis").asText()).isEqualTo("A synopsis of glass trees.");
    JsonNode read = Json.of(client.get("/api/pitches/" + id));
    assertThat(read.path("title").asText()).isEqualTo("The Glass Orchard");
    assertThat(read.path("synopsis").asText()).isEqualTo("A synopsis of glass trees.");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(created));
    assertThat(event.route()).isEqualTo("/api/pitches");
    assertThat(event.method()).isEqualTo("POST");
    assertThat(event.contentClass()).isEqualTo(ContentClass.PITCH);
    assertThat(event.cache()).isEqualTo(CacheStatus.BYPASS);
  }

  @Test
  void writing_without_a_token_is_401() {
    assertThat(client.post("/api/pitches", body("X", "drama", "draft", "")).statusCode())
        .isEqualTo(401);
    long id = othersPitches.insertPublished("Someone's");
    assertThat(client.delete("/api/pitches/" + id).statusCode()).isEqualTo(401);
  }

  @Test
  void a_title_with_control_characters_is_422_naming_the_field() {
    HttpResponse<String> refused =
        client.post(
            "/api/pitches", "{\"title\":\"A \\u0001mark\\u0002\",\"genre\":\"drama\"}", asOwner);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(Json.of(refused).path("type").asText())
        .isEqualTo("urn:pitchey:problem:unprocessable");
    assertThat(Json.of(refused).path("field").asText()).isEqualTo("title");
  }

  @Test
  void only_the_owner_may_change_or_delete_a_public_pitch() {
    long id = othersPitches.insertPublished("Not Yours");

    HttpResponse<String> put =
        client.put("/api/pitches/" + id, body("Mine now", "drama", "published", ""), asOwner);
    HttpResponse<String> delete = client.delete("/api/pitches/" + id, asOwner);

    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(Json.of(put).path("type").asText()).isEqualTo("urn:pitchey:problem:forbidden");
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(Json.of(client.get("/api/pitches/" + id)).path("title").asText())
        .isEqualTo("Not Yours");
  }

  @Test
  void another_users_draft_and_an_absent_pitch_are_404() {
    long draft = othersPitches.insert("Secret Draft", "draft");

    assertThat(
            client
                .put("/api/pitches/" + draft, body("Peek", "drama", "draft", ""), asOwner)
                .statusCode())
        .isEqualTo(404);
    assertThat(client.delete("/api/pitches/" + draft, asOwner).statusCode()).isEqualTo(404);
    assertThat(client.delete("/api/pitches/987654321", asOwner).statusCode()).isEqualTo(404);
  }

  @Test
  void an_update_replaces_the_cached_pitch_and_a_delete_removes_it() {
    long id = create("Before Update", "drama", "published", "old text");
    assertThat(client.get("/api/pitches/" + id).headers().firstValue("X-Cache-Status"))
        .hasValue("MISS");
    assertThat(client.get("/api/pitches/" + id).headers().firstValue("X-Cache-Status"))
        .hasValue("HIT");

    HttpResponse<String> updated =
        client.put(
            "/api/pitches/" + id, body("After Update", "drama", "published", "new text"), asOwner);
    HttpResponse<String> read = client.get("/api/pitches/" + id);

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(Json.of(read).path("title").asText()).isEqualTo("After Update");
    assertThat(read.headers().firstValue("X-Cache-Status")).hasValue("MISS");

    HttpResponse<String> deleted = client.delete("/api/pitches/" + id, asOwner);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(client.get("/api/pitches/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void a_new_pitch_appears_in_a_cached_list_and_a_cached_search() {
    create("First Animation", "animation", "published", "");
    String list = "/api/pitches?genre=animation";
    String search = "/api/search?q=zeppelin";
    assertThat(PitchListRoutesTest.idsOf(Json.of(client.get(list)))).hasSize(1);
    assertThat(Json.of(client.get(search)).path("total").asLong()).isZero();
    assertThat(client.get(list).headers().firstValue("X-Cache-Status")).hasValue("HIT");

    long id = create("Zeppelin Summer", "animation", "published", "");

    assertThat(PitchListRoutesTest.idsOf(Json.of(client.get(list)))).first().isEqualTo(id);
    assertThat(Json.of(client.get(search)).path("items").get(0).path("id").asLong()).isEqualTo(id);
  }

  @Test
  void a_new_public_pitch_updates_the_owners_cached_profile() {
    long before = Json.of(client.get("/api/users/" + owner)).path("public_pitch_count").asLong();

    create("Counted", "romance", "published", "");
    create("Not counted", "romance", "draft", "");

    assertThat(Json.of(client.get("/api/users/" + owner)).path("public_pitch_count").asLong())
        .isEqualTo(before + 1);
  }

  @Test
  void an_owner_sees_their_own_draft_after_writing_it_but_the_public_does_not() {
    HttpResponse<String> created =
        client.post("/api/pitches", body("My Draft", "thriller", null, ""), asOwner);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(Json.of(created).path("status").asText()).isEqualTo("draft");
    assertThat(client.get(created.headers().firstValue("Location").orElseThrow()).statusCode())
        .isEqualTo(404);
  }

  private static long create(String title, String genre, String status, String synopsis) {
    HttpResponse<String> created =
        client.post("/api/pitches", body(title, genre, status, synopsis), asOwner);
    assertThat(created.statusCode()).isEqualTo(201);
    return Json.of(created).path("id").asLong();
  }

  private static String body(String title, String genre, String status, String synopsis) {
    String statusMember = status == null ? "" : ", \"status\": \"" + status + "\"";
    return "{\"title\": \""
        + title
        + "\", \"logline\": \"A logline.\", \"synopsis\": \""
        + synopsis
        + "\", \"genre\": \""
        + genre
        + "\""
        + statusMember
        + "}";
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }
}
