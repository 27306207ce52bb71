package io.pitchey.api.pitch;

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
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each test lists its own genre, so the tests' pitches and cached lists do not meet. */
@ExtendWith(DevStackExtension.class)
class PitchListRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static ApiFixture api;
  private static ApiClient client;
  private static TestPitches pitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow());
    client = api.client();
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_list_pages_newest_first_with_links_and_never_shows_drafts() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(pitches.insert("Horror " + i, "published", "horror", T0.plusSeconds(i), 0));
    }
    pitches.insert("Draft horror", "draft", "horror", T0.plusSeconds(99), 0);

    HttpResponse<String> first = client.get("/api/pitches?genre=horror&size=2");
    JsonNode page1 = Json.of(first);
    JsonNode page3 = Json.of(client.get("/api/pitches?genre=horror&size=2&page=3"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(idsOf(page1)).containsExactly(ids.get(4), ids.get(3));
    assertThat(page1.path("page").asInt()).isEqualTo(1);
    assertThat(page1.path("size").asInt()).isEqualTo(2);
    assertThat(page1.path("has_more").asBoolean()).isTrue();
    assertThat(page1.path("links").path("self").asText())
        .isEqualTo("/api/pitches?genre=horror&page=1&size=2&sort=newest&status=published");
    assertThat(page1.path("links").path("next").asText())
        .isEqualTo("/api/pitches?genre=horror&page=2&size=2&sort=newest&status=published");
    assertThat(page1.path("links").has("prev")).isFalse();
    assertThat(page1.path("items").get(0).path("owner").path("handle").asText()).isNotBlank();
    assertThat(page1.path("items").get(0).has("synopsis")).isFalse();
    assertThat(idsOf(page3)).containsExactly(ids.get(0));
    assertThat(page3.path("has_more").asBoolean()).isFalse();
    assertThat(page3.path("links").has("next")).isFalse();
    assertThat(page3.path("links").path("prev").asText()).contains("page=2");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(first));
    assertThat(event.route()).isEqualTo("/api/pitches");
    assertThat(event.contentClass()).isEqualTo(ContentClass.PITCH);
    assertThat(event.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(event.dbQueries()).isEqualTo(1);
  }

  @Test
  void lists_sort_by_age_views_and_title_and_filter_by_status() {
    long b = pitches.insert("Bravo", "published", "comedy", T0.plusSeconds(1), 50);
    long a = pitches.insert("Alpha", "published", "comedy", T0.plusSeconds(2), 10);
    long c = pitches.insert("Charlie", "published", "comedy", T0.plusSeconds(3), 90);
    long archived = pitches.insert("Delta", "archived", "comedy", T0, 1_000);

    assertThat(idsOf(list("genre=comedy&sort=oldest"))).containsExactly(b, a, c);
    assertThat(idsOf(list("genre=comedy&sort=most-viewed"))).containsExactly(c, b, a);
    assertThat(idsOf(list("genre=comedy&sort=title"))).containsExactly(a, b, c);
    assertThat(idsOf(list("genre=comedy&status=archived"))).containsExactly(archived);
  }

  @Test
  void equal_queries_in_any_parameter_order_share_one_cache_entry() {
    pitches.insert("Mystery one", "published", "mystery", T0, 0);

    HttpResponse<String> first = client.get("/api/pitches?size=20&genre=mystery&page=1");
    HttpResponse<String> second = client.get("/api/pitches?genre=mystery&sort=newest");

    assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    assertThat(second.body()).isEqualTo(first.body());
  }

  @ParameterizedTest
  @CsvSource({
    "page=0, page",
    "page=x, page",
    "size=0, size",
    "size=101, size",
    "size=ten, size",
    "sort=random, sort",
    "genre=western, genre",
    "status=draft, status",
    "page=1000&size=100, page"
  })
  void a_bad_parameter_is_a_400_naming_it(String query, String parameter) {
    HttpResponse<String> response = client.get("/api/pitches?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:validation");
    assertThat(problem.path("detail").asText()).startsWith(parameter);
  }

  private static JsonNode list(String query) {
    HttpResponse<String> response = client.get("/api/pitches?" + query);
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.of(response);
  }

  static List<Long> idsOf(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }
}
