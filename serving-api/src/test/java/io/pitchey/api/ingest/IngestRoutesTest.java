package io.pitchey.api.ingest;

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
import io.pitchey.ingest.event.TimingEventJson;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/ingest/timings} in process, on a random port, over a real database. */
@ExtendWith(DevStackExtension.class)
class IngestRoutesTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;
  private static String token;
  private static final MutableClock clock = MutableClock.atNow();

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, events, clock);
    client = api.client();
    SeedReport seeded = DemoData.seed(api.dataSource(), 1, 0, 0);
    token = DemoData.createToken(api.dataSource(), seeded.userIds().get(0));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static long nowUs() {
    return clock.instant().getEpochSecond() * 1_000_000L + clock.instant().getNano() / 1_000L;
  }

  private static TimingEvent event(String route, int status) {
    return event(route, status, nowUs() - 5_000_000L);
  }

  private static TimingEvent event(String route, int status, long tsUs) {
    return new TimingEvent(
        1,
        UUID.randomUUID().toString(),
        "edge-" + UUID.randomUUID(),
        tsUs,
        "edge-worker",
        "eu-west",
        "pop-ams-1",
        "GET",
        route,
        status,
        1_234,
        0,
        0,
        CacheStatus.HIT,
        ContentClass.STATIC,
        512,
        status >= 400 ? "not-found" : null);
  }

  private static String line(TimingEvent event) {
    return new String(TimingEventJson.write(event), StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + IngestRoutes.PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-ndjson")
            .header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return client.send(
        request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  private static List<TimingEvent> published(List<TimingEvent> sent) {
    return sent.stream()
        .flatMap(e -> events.awaitEventsOf(e.requestId()).stream())
        .collect(Collectors.toList());
  }

  /** Ingest publishes before it answers, so once the reply is in, absence is final. */
  private static boolean wasPublished(TimingEvent event) {
    return events.all().stream().anyMatch(e -> e.eventId().equals(event.eventId()));
  }

  @Test
  void a_good_batch_is_accepted_and_published_as_sent() {
    TimingEvent first = event("/assets/{file}", 200);
    TimingEvent second = event("/api/pitches/{id}", 404);
    TimingEvent third = event("/assets/{file}", 304);
    String body =
        line(first)
            + "\r\n"
            + "\n" // blank lines are skipped
            + line(second).replaceFirst("\\{", "{\"edge_only_field\":true,") // unknown: fine
            + "\n"
            + line(third); // no final newline: fine

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode report = Json.of(response);
    assertThat(report.path("accepted_events").asInt()).isEqualTo(3);
    assertThat(report.path("rejected_lines").asInt()).isZero();
    assertThat(report.path("rejected").size()).isZero();
    assertThat(published(List.of(first, second, third))).containsExactly(first, second, third);
  }

  @Test
  void bad_lines_are_listed_with_numbers_and_reasons_and_only_good_ones_published() {
    TimingEvent good = event("/assets/{file}", 200);
    TimingEvent wrongMethod = event("/assets/{file}", 200);
    TimingEvent missingStatus = event("/assets/{file}", 200);
    String body =
        String.join(
            "\n",
            line(good),
            "{not json",
            line(missingStatus).replace("\"status\":200,", ""),
            line(wrongMethod).replace("\"GET\"", "\"get\""),
            line(event("/x", 200)).replace("\"cache\":\"HIT\"", "\"cache\":\"FRESH\""));

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(207);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode report = Json.of(response);
    assertThat(report.path("accepted_events").asInt()).isEqualTo(1);
    assertThat(report.path("rejected_lines").asInt()).isEqualTo(4);
    JsonNode rejected = report.path("rejected");
    assertThat(rejected.findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 3, 4, 5);
    assertThat(rejected.get(0).path("reason").asText()).startsWith("not valid JSON");
    assertThat(rejected.get(1).path("reason").asText()).contains("status");
    assertThat(rejected.get(2).path("reason").asText()).contains("method must be upper case");
    assertThat(rejected.get(3).path("reason").asText()).startsWith("cache: ");
    assertThat(events.awaitEventOf(good.requestId())).isEqualTo(good);
    assertThat(wasPublished(wrongMethod)).isFalse();
    assertThat(wasPublished(missingStatus)).isFalse();
  }

  @Test
  void a_batch_without_a_single_good_line_is_a_422_problem_listing_the_lines() {
    HttpResponse<String> response = post("{}\n[1]\n\"x\"\n");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.of(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:pitchey:problem:unprocessable");
    assertThat(problem.path("request_id").asText()).isEqualTo(ApiClient.requestIdOf(response));
    assertThat(problem.path("accepted_events").asInt()).isZero();
    assertThat(problem.path("rejected_lines").asInt()).isEqualTo(3);
    assertThat(problem.path("rejected").findValues("line"))
        .extracting(JsonNode::asInt)
        .containsExactly(1, 2, 3);
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
        .isEqualTo("unprocessable");
  }

  @Test
  void an_empty_body_is_a_400_problem() {
    HttpResponse<String> response = post("\n\n");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.of(response).path("type").asText()).isEqualTo("urn:pitchey:problem:validation");
  }

  @Test
  void a_body_over_the_byte_limit_is_a_413_problem_and_nothing_is_published() {
    TimingEvent marker = event("/assets/{file}", 200);
    StringBuilder body = new StringBuilder(line(marker)).append('\n');
    String filler = line(event("/assets/{file}", 200)) + "\n";
    while (body.length() <= IngestLimits.DEFAULT_MAX_BYTES) {
      body.append(filler);
    }

    HttpResponse<String> response = post(body.toString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:payload-too-large");
    assertThat(Json.of(response).path("detail").asText()).contains("1048576 bytes");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
        .isEqualTo("payload-too-large");
    assertThat(wasPublished(marker)).isFalse();
  }

  @Test
  void a_streamed_body_over_the_byte_limit_is_refused_too() {
    byte[] body = new byte[IngestLimits.DEFAULT_MAX_BYTES + 10];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + IngestRoutes.PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-ndjson")
            .header("Authorization", "Bearer " + token)
            // no Content-Length: chunked, so only reading tells the size
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = client.send(request);

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void more_lines_than_the_limit_is_a_413_problem() {
    String body =
        IntStream.rangeClosed(0, IngestLimits.DEFAULT_MAX_LINES)
            .mapToObj(i -> "{}")
            .collect(Collectors.joining("\n"));

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.of(response).path("detail").asText()).contains("5001 lines");
  }

  @Test
  void without_a_valid_token_the_batch_is_refused_unread() {
    TimingEvent sent = event("/assets/{file}", 200);

    HttpResponse<String> none = post(line(sent), "Authorization", "");
    HttpResponse<String> wrong = post(line(sent), "Authorization", "Bearer not-a-token");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Json.of(none).path("type").asText()).isEqualTo("urn:pitchey:problem:unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(401);
    events.awaitEventOf(ApiClient.requestIdOf(wrong)); // the refused request's own timing
    assertThat(wasPublished(sent)).isFalse();
  }

  @Test
  void another_media_type_is_a_415_problem() {
    HttpResponse<String> response =
        post(line(event("/assets/{file}", 200)), "Content-Type", "application/json");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Json.of(response).path("type").asText())
        .isEqualTo("urn:pitchey:problem:unsupported-media-type");
  }

  @Test
  void an_array_line_is_refused_as_one_event_per_line_and_none_of_its_events_published() {
    TimingEvent good = event("/assets/{file}", 200);
    TimingEvent inArray1 = event("/assets/{file}", 200);
    TimingEvent inArray2 = event("/assets/{file}", 200);
    String body = line(good) + "\n  [" + line(inArray1) + "," + line(inArray2) + "]\n[]";

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode report = Json.of(response);
    assertThat(report.path("accepted_events").asInt()).isEqualTo(1);
    assertThat(report.path("rejected_lines").asInt()).isEqualTo(2);
    assertThat(report.path("rejected").findValues("line"))
        .extracting(JsonNode::asInt)
        .containsExactly(2, 3);
    assertThat(report.path("rejected").get(0).path("reason").asText())
        .startsWith("one event per line");
    assertThat(events.awaitEventOf(good.requestId())).isEqualTo(good);
    assertThat(wasPublished(inArray1)).isFalse();
    assertThat(wasPublished(inArray2)).isFalse();
  }

  @Test
  void events_too_far_ahead_of_or_behind_the_server_clock_are_refused_lines() {
    long now = nowUs();
    TimingEvent slightlyAhead = event("/assets/{file}", 200, now + 30_000_000L);
    TimingEvent farAhead = event("/assets/{file}", 200, now + 3_600_000_000L);
    TimingEvent justAhead = event("/assets/{file}", 200, now + 61_000_000L);
    TimingEvent fiftyMinutesOld = event("/assets/{file}", 200, now - 3_000_000_000L);
    TimingEvent twoHoursOld = event("/assets/{file}", 200, now - 7_200_000_000L);
    String body =
        String.join(
            "\n",
            line(slightlyAhead),
            line(farAhead),
            line(justAhead),
            line(fiftyMinutesOld),
            line(twoHoursOld));

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode report = Json.of(response);
    assertThat(report.path("accepted_events").asInt()).isEqualTo(2);
    assertThat(report.path("rejected_lines").asInt()).isEqualTo(3);
    JsonNode rejected = report.path("rejected");
    assertThat(rejected.findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 3, 5);
    assertThat(rejected.get(0).path("reason").asText())
        .contains("3600 s ahead of the server clock")
        .contains("ingest.max-future-skew");
    assertThat(rejected.get(1).path("reason").asText()).contains("61 s ahead");
    assertThat(rejected.get(2).path("reason").asText())
        .contains("7200 s behind the server clock")
        .contains("pitchey backfill");
    assertThat(published(List.of(slightlyAhead, fiftyMinutesOld)))
        .containsExactly(slightlyAhead, fiftyMinutesOld);
    assertThat(wasPublished(farAhead)).isFalse();
    assertThat(wasPublished(justAhead)).isFalse();
    assertThat(wasPublished(twoHoursOld)).isFalse();
  }
}
