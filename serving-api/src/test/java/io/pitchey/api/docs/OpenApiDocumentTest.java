package io.pitchey.api.docs;

import static io.pitchey.api.support.OpenApiContract.assertDocumented;
import static io.pitchey.api.support.OpenApiContract.assertResponseDocumented;
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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document describes what the API really answers. */
@ExtendWith(DevStackExtension.class)
class OpenApiDocumentTest {
  @TempDir static Path cacheDir;
  private static ApiFixture api;
  private static ApiClient client;
  private static TestPitches pitches;
  private static String token;
  private static long owner;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, new RecordingPublisher(), MutableClock.atNow());
    client = api.client();
    owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
    token = DemoData.createToken(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void the_document_is_served_as_json_and_is_openapi_3() {
    HttpResponse<String> response = client.get(OpenApiRoutes.PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = Json.of(response);
    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(document.path("paths").has("/api/pitches/{id}")).isTrue();
    assertDocumented("GET", OpenApiRoutes.PATH, null, response);
  }

  @Test
  void health_answers_as_documented() {
    assertDocumented("GET", "/api/health", null, client.get("/api/health"));
  }

  @Test
  void a_pitch_and_its_errors_answer_as_documented() {
    long id = pitches.insertPublished("The Documented Pitch");
    String path = "/api/pitches/" + id;

    HttpResponse<String> found = client.get(path);
    assertDocumented("GET", path, null, found);
    String etag = found.headers().firstValue("ETag").orElseThrow();
    assertDocumented("GET", path, null, client.get(path, "If-None-Match", etag));
    assertDocumented("GET", "/api/pitches/999999999", null, client.get("/api/pitches/999999999"));
    assertResponseDocumented("GET", "/api/pitches/zero", client.get("/api/pitches/zero"));
  }

  @Test
  void lists_search_and_profiles_answer_as_documented() {
    pitches.insertText("The Lighthouse Keeper", "A keeper guards a lonely light.", "Storms.");
    for (String path :
        new String[] {
          "/api/pitches",
          "/api/pitches?page=1&size=5&genre=drama&status=published&sort=most-viewed",
          "/api/search?q=lighthouse",
          "/api/search?q=keeper&page=2&size=10",
          "/api/users/" + owner,
          "/api/live/trending",
          "/api/live/pitches/" + pitches.insertPublished("Counted") + "/views"
        }) {
      assertDocumented("GET", path, null, client.get(path));
    }
    for (String path :
        new String[] {"/api/pitches?size=0", "/api/search?q=", "/api/users/999999999"}) {
      assertResponseDocumented("GET", path, client.get(path));
    }
  }

  @Test
  void writes_answer_as_documented() {
    String[] authorization = {"Authorization", "Bearer " + token};
    String draft =
        "{\"title\":\"A Documented Draft\",\"genre\":\"drama\",\"status\":\"published\"}";
    HttpResponse<String> created = client.post("/api/pitches", draft, authorization);
    assertDocumented("POST", "/api/pitches", draft, created, authorization);
    String path = created.headers().firstValue("Location").orElseThrow();

    String update = "{\"title\":\"A Documented Pitch\",\"genre\":\"comedy\"}";
    assertDocumented("PUT", path, update, client.put(path, update, authorization), authorization);
    assertDocumented("POST", path + "/views", null, client.post(path + "/views", ""));
    assertDocumented("DELETE", path, null, client.delete(path, authorization), authorization);

    assertResponseDocumented("POST", "/api/pitches", client.post("/api/pitches", draft));
    assertResponseDocumented(
        "POST", "/api/pitches", client.post("/api/pitches", "{\"title\":", authorization));
    assertResponseDocumented(
        "POST",
        "/api/pitches",
        client.post("/api/pitches", "{\"title\":\"x\",\"genre\":\"opera\"}", authorization));
    assertResponseDocumented("DELETE", path, client.delete(path, authorization));
  }

  @Test
  void operations_and_assets_answer_as_documented() {
    assertResponseDocumented(
        "POST", "/api/ingest/timings", client.post("/api/ingest/timings", "{}"));
    assertResponseDocumented("GET", "/api/admin/cache/stats", client.get("/api/admin/cache/stats"));
    HttpResponse<String> landing = client.get("/");
    assertDocumented("GET", "/", null, landing);
    Matcher asset = Pattern.compile("/static/[A-Za-z0-9._-]+").matcher(landing.body());
    assertThat(asset.find()).as("the landing page links a static asset").isTrue();
    assertDocumented("GET", asset.group(), null, client.get(asset.group()));
    assertResponseDocumented("GET", "/static/missing.js", client.get("/static/missing.js"));
  }

  @Test
  void the_callers_profile_answers_as_documented() {
    assertResponseDocumented("GET", "/api/me", client.get("/api/me"));
    String[] authorization = {"Authorization", "Bearer " + token};
    assertDocumented("GET", "/api/me", null, client.get("/api/me", authorization), authorization);
  }
}
