package io.pitchey.api.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.ServingApi;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.UnreachableDatabase;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DevStackExtension.class)
class TimingCaptureTest {
  @TempDir static Path cacheDir;
  private static final MutableClock clock =
      new MutableClock(Instant.parse("2030-05-06T07:08:09.123456Z"));
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, clock);
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest(name = "GET {0} is timed as {1}")
  @CsvSource({
    "/api/health,         /api/health,       200, OTHER, BYPASS, ",
    "/api/pitches/12345,  /api/pitches/{id}, 404, PITCH, MISS,   not-found",
    "/api/pitches/x,      /api/pitches/{id}, 400, PITCH, BYPASS, validation",
    "/api/me,             /api/me,           401, USER,  BYPASS, unauthorized",
    "/nothing/here/7,     <unmatched>,       404, OTHER, BYPASS, not-found",
  })
  void every_request_publishes_one_timing_event_with_its_route_template(
      String path,
      String route,
      int status,
      ContentClass contentClass,
      CacheStatus cache,
      String errorType) {
    HttpResponse<String> response = client.get(path);

    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(event.route()).isEqualTo(route);
    assertThat(event.method()).isEqualTo("GET");
    assertThat(event.status()).isEqualTo(status);
    assertThat(event.contentClass()).isEqualTo(contentClass);
    assertThat(event.cache()).isEqualTo(cache);
    assertThat(event.errorType()).isEqualTo(errorType);
    assertThat(event.bytes()).isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(event.durationUs()).isPositive();
    assertThat(event.service()).isEqualTo("serving-api");
    assertThat(event.region()).isEqualTo(ApiFixture.REGION);
    assertThat(event.instance()).isEqualTo(ApiFixture.INSTANCE);
    assertThat(event.tsUs()).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
  }

  @Test
  void an_unmatched_path_is_a_problem_json_404() {
    HttpResponse<String> response = client.get("/nothing/here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.of(response).path("type").asText()).isEqualTo("urn:pitchey:problem:not-found");
  }

  @Test
  void a_method_outside_the_standard_set_is_published_as_other() {
    HttpRequest brew =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/api/health"))
            .method("BREW", HttpRequest.BodyPublishers.noBody())
            .build();

    HttpResponse<String> response = client.send(brew);

    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).method()).isEqualTo("OTHER");
  }

  @Test
  void a_valid_client_request_id_is_echoed_and_published() {
    HttpResponse<String> response = client.get("/api/health", "X-Request-ID", "client-trace-77");

    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("client-trace-77");
    assertThat(events.awaitEventOf("client-trace-77").route()).isEqualTo("/api/health");
  }

  @Test
  void a_publisher_that_throws_never_fails_the_request(@TempDir Path otherCacheDir) {
    ServingApi failing =
        ServingApi.start(
            ApiFixture.config("jdbc:postgresql://127.0.0.1:1/none", "nobody", "-", otherCacheDir),
            UnreachableDatabase.dataSource(),
            new ThrowingPublisher(),
            clock);
    try (failing) {
      HttpResponse<String> response = new ApiClient(failing.port()).get("/nothing/here");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(Json.of(response).path("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void server_timing_splits_the_total_into_database_and_application_time() {
    assertThat(TimingCapture.serverTiming(CacheStatus.MISS, 1_204_000, 3_411_000))
        .isEqualTo("cache;desc=miss, db;dur=1.204, app;dur=2.207, total;dur=3.411");
    assertThat(TimingCapture.serverTiming(CacheStatus.REVALIDATED, 0, 500_000))
        .isEqualTo("cache;desc=revalidated, db;dur=0.000, app;dur=0.500, total;dur=0.500");
  }

  @Test
  void every_response_carries_server_timing_with_its_cache_part_in_lower_case() {
    HttpResponse<String> response = client.get("/api/health");

    assertThat(response.headers().firstValue("Server-Timing"))
        .hasValueSatisfying(
            timing ->
                assertThat(timing)
                    .matches(
                        "cache;desc=bypass, db;dur=\\d+\\.\\d{3}, app;dur=\\d+\\.\\d{3},"
                            + " total;dur=\\d+\\.\\d{3}"));
  }

  @Test
  void server_timing_reports_the_same_durations_as_the_published_event() {
    HttpResponse<String> response = client.get("/api/pitches/12345"); // queries the database

    TimingEvent event = events.awaitEventOf(ApiClient.requestIdOf(response));
    Matcher timing =
        Pattern.compile("db;dur=([\\d.]+), app;dur=([\\d.]+), total;dur=([\\d.]+)")
            .matcher(response.headers().firstValue("Server-Timing").orElseThrow());

    assertThat(timing.find()).isTrue();
    assertThat(event.dbUs()).isPositive();
    assertThat(timing.group(1)).isEqualTo(millis(event.dbUs()));
    assertThat(timing.group(2)).isEqualTo(millis(event.durationUs() - event.dbUs()));
    assertThat(timing.group(3)).isEqualTo(millis(event.durationUs()));
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1e3);
  }

  /** Breaks the publisher contract (it must not throw), as a buggy one would. */
  private static final class ThrowingPublisher implements TimingPublisher {
    @Override
    public void publish(TimingEvent event) {
      throw new IllegalStateException("broken publisher");
    }

    @Override
    public PublisherStats stats() {
      return new PublisherStats(0, 0, 0, 0, 0);
    }

    @Override
    public void close() {}
  }
}
