package io.pitchey.api.search;

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
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class SearchRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
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
  void a_title_match_ranks_above_a_logline_match_above_a_synopsis_match() {
    long inSynopsis =
        pitches.insertText("Harbour Nights", "A sailor comes home.", "She keeps a marmoset.");
    long inTitle = pitches.insertText("The Marmoset Affair", "A heist.", "In Lisbon, at night.");
    long inLogline = pitches.insertText("Small Hours", "A marmoset escapes the zoo.", "Chaos.");
    pitches.insert("Marmoset Draft", "draft");

    HttpResponse<String> response = client.get("/api/search?q=marmosets");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode results = Json.of(response);
    assertThat(idsOf(results)).containsExactly(inTitle, inLogline, inSynopsis);
    assertThat(results.path("total").asLong()).isEqualTo(3);
    assertThat(results.path("query").asText()).isEqualTo("marmosets");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(event.route()).isEqualTo("/api/search");
    assertThat(event.contentClass()).isEqualTo(ContentClass.SEARCH);
    assertThat(event.dbQueries()).isEqualTo(1);
  }

  @Test
  void matches_are_highlighted_and_the_rest_of_the_text_is_escaped() {
    pitches.insertText(
        "<b>Okapi</b> & Friends",
        "An okapi learns to swim.",
        "Long ago, in a forest full of rivers, the okapi was afraid of water.");

    JsonNode hit = Json.of(client.get("/api/search?q=okapi")).path("items").get(0);

    assertThat(hit.path("title").asText()).isEqualTo("<b>Okapi</b> & Friends");
    assertThat(hit.path("title_html").asText())
        .isEqualTo("&lt;b&gt;<mark>Okapi</mark>&lt;/b&gt; &amp; Friends");
    assertThat(hit.path("snippet").asText()).contains("<mark>okapi</mark>");
    assertThat(hit.path("rank").asDouble()).isPositive();
  }

  @Test
  void results_are_paged() {
    for (int i = 0; i < 3; i++) {
      pitches.insertText("Quokka " + i, "", "");
    }

    JsonNode page2 = Json.of(client.get("/api/search?q=quokka&size=2&page=2"));

    assertThat(page2.path("items")).hasSize(1);
    assertThat(page2.path("total").asLong()).isEqualTo(3);
    assertThat(page2.path("total_capped").asBoolean()).isFalse();
    assertThat(page2.path("page").asInt()).isEqualTo(2);
  }

  @Test
  void queries_differing_in_case_and_spacing_share_one_cache_entry() {
    pitches.insertText("Lighthouse Keeper", "", "");

    HttpResponse<String> first = client.get("/api/search?q=Lighthouse%20%20Keeper");
    HttpResponse<String> second = client.get("/api/search?q=+lighthouse+keeper+");

    assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
    assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
    assertThat(Json.of(second).path("query").asText()).isEqualTo("lighthouse keeper");
  }

  @Test
  void an_empty_or_too_long_query_is_a_400_naming_q() {
    for (String query : List.of("", "q=", "q=%20%20", "q=" + "a".repeat(201))) {
      HttpResponse<String> response = client.get("/api/search?" + query);

      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(Json.of(response).path("detail").asText()).startsWith("q ");
    }
  }

  private static List<Long> idsOf(JsonNode results) {
    List<Long> ids = new ArrayList<>();
    results.path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }
}
