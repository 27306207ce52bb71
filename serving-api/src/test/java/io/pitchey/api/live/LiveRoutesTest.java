package io.pitchey.api.live;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class LiveRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static final MutableClock clock = MutableClock.atNow();
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
  void concurrent_views_are_accepted_and_all_written_by_the_flusher() throws Exception {
    long id = pitches.insertPublished("Viewed a Lot");
    int views = 200;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    try {
      for (int i = 0; i < views; i++) {
        posts.add(
            CompletableFuture.supplyAsync(
                () -> client.post("/api/pitches/" + id + "/views", ""), pool));
      }
      for (CompletableFuture<HttpResponse<String>> post : posts) {
        assertThat(post.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> pitches.viewCount(id) == views);
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(posts.get(0).get()));
    assertThat(event.route()).isEqualTo("/api/pitches/{id}/views");
    assertThat(event.contentClass()).isEqualTo(ContentClass.REALTIME);
    assertThat(event.cache()).isEqualTo(CacheStatus.BYPASS);
  }

  @Test
  void views_of_unknown_pitches_and_drafts_are_404() {
    long draft = pitches.insert("Hidden", "draft");

    assertThat(client.post("/api/pitches/987654321/views", "").statusCode()).isEqualTo(404);
    assertThat(client.post("/api/pitches/" + draft + "/views", "").statusCode()).isEqualTo(404);
    assertThat(client.get("/api/live/pitches/" + draft + "/views").statusCode()).isEqualTo(404);
  }

  @Test
  void the_live_count_includes_the_stored_views() {
    long id = pitches.insert("Counted", "published", "drama", clock.instant(), 41);
    client.post("/api/pitches/" + id + "/views", "");

    HttpResponse<String> response = client.get("/api/live/pitches/" + id + "/views");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode live = Json.of(response);
    assertThat(live.path("pitch_id").asLong()).isEqualTo(id);
    assertThat(live.path("views").asLong()).isEqualTo(42); // written or not yet, it counts
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=30, stale-while-revalidate=5, stale-if-error=3600");
    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    assertThat(event.route()).isEqualTo("/api/live/pitches/{id}/views");
    assertThat(event.contentClass()).isEqualTo(ContentClass.REALTIME);
  }

  @Test
  void trending_ranks_pitches_by_recent_views() {
    long popular = pitches.insertPublished("Trending Now");
    long lessPopular = pitches.insertPublished("Trending Less");
    for (int i = 0; i < 3; i++) {
      client.post("/api/pitches/" + popular + "/views", "");
    }
    client.post("/api/pitches/" + lessPopular + "/views", "");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pitches.viewCount(popular) == 3 && pitches.viewCount(lessPopular) == 1);
    clock.advance(Duration.ofMinutes(1)); // past any trending list cached by another test

    JsonNode trending = Json.of(client.get("/api/live/trending"));

    List<Long> ids = new ArrayList<>();
    trending.path("items").forEach(item -> ids.add(item.path("id").asLong()));
    assertThat(ids).containsSubsequence(popular, lessPopular);
    JsonNode top = trending.path("items").get(ids.indexOf(popular));
    assertThat(top.path("recent_views").asLong()).isEqualTo(3);
    assertThat(top.path("title").asText()).isEqualTo("Trending Now");
    assertThat(trending.path("window_minutes").asInt()).isEqualTo(60);
  }
}
