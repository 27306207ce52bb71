package io.pitchey.ingest.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillJobTest {
  private static final Instant T = Instant.parse("2026-11-18T10:00:00Z");

  @TempDir Path dir;

  @Test
  void ndjson_sample_publishes_valid_events_and_rejects_malformed_lines_with_reasons()
      throws Exception {
    ListSink sink = new ListSink();
    BackfillJob.FileResult result = run(sink, sample("sample.ndjson"), options());

    assertThat(result.format()).isEqualTo(InputFormat.NDJSON);
    assertThat(result.lines()).isEqualTo(11);
    assertThat(result.published()).isEqualTo(7);
    assertThat(sink.events()).hasSize(7);
    assertThat(result.rejected())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Rejection.Category.MALFORMED_JSON, 2L,
                Rejection.Category.INVALID_EVENT, 2L));
    assertThat(result.firstRejected())
        .hasSize(4)
        .satisfies(l -> assertThat(l.get(0)).startsWith("line 5: malformed JSON"))
        .satisfies(
            l -> assertThat(l.get(1)).startsWith("line 7: invalid event").contains("duration_us"))
        .satisfies(l -> assertThat(l.get(2)).startsWith("line 8: invalid event").contains("status"))
        .satisfies(l -> assertThat(l.get(3)).startsWith("line 10: malformed JSON"));
    // Original timestamps are kept; records are grouped per key and stamped with event time.
    assertThat(sink.events().get(0).tsUs()).isEqualTo(T.plusSeconds(1).toEpochMilli() * 1000);
    assertThat(sink.confirmed)
        .allSatisfy(
            s -> {
              assertThat(s.events()).allMatch(e -> EventKey.of(e).toString().equals(s.key()));
              assertThat(s.timestampMs())
                  .isEqualTo(
                      s.events().stream().mapToLong(e -> e.tsUs() / 1000).max().orElseThrow());
            });
    assertThat(sink.confirmed).hasSizeLessThan(7);
  }

  @Test
  void nginx_access_log_becomes_templated_events_in_seconds() throws Exception {
    ListSink sink = new ListSink();
    Path log = sample("sample-nginx.log");
    BackfillJob.FileResult result =
        new BackfillJob(sink, options())
            .run(
                log, InputFormat.detect(log), clf(AccessLogParser.ResponseTime.AUTO), (b, e) -> {});

    assertThat(result.format()).isEqualTo(InputFormat.CLF);
    assertThat(result.lines()).isEqualTo(11);
    assertThat(result.published()).isEqualTo(6);
    assertThat(result.rejected())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Rejection.Category.MALFORMED_LOG_LINE, 1L,
                Rejection.Category.BAD_RESPONSE_TIME, 1L,
                Rejection.Category.BAD_TIMESTAMP, 1L,
                Rejection.Category.BAD_REQUEST_LINE, 1L));
    assertThat(result.firstRejected())
        .extracting(s -> s.substring(0, s.indexOf(':')))
        .containsExactly("line 5", "line 6", "line 7", "line 9");

    List<TimingEvent> events =
        sink.events().stream()
            .sorted(java.util.Comparator.comparingLong(TimingEvent::tsUs))
            .toList();
    assertThat(events)
        .extracting(TimingEvent::routeKey)
        .containsExactly(
            "GET /api/pitches/{id}",
            "GET /api/pitches/{id}",
            "GET /api/me",
            "GET <unmatched>",
            "POST /api/pitches",
            "GET /api/pitches/{id}");
    TimingEvent first = events.get(0);
    assertThat(first.durationUs()).isEqualTo(12_000);
    // nginx logs the end of the request: the start is the logged second minus the duration.
    assertThat(first.tsUs()).isEqualTo(T.plusSeconds(1).toEpochMilli() * 1000 - 12_000);
    assertThat(first.service()).isEqualTo("web");
    assertThat(first.region()).isEqualTo("eu");
    assertThat(first.instance()).isEqualTo("nginx-1");
    assertThat(first.cache()).isEqualTo(CacheStatus.BYPASS);
    assertThat(events.get(2).errorType()).isEqualTo("unauthorized");
    assertThat(events.get(3).errorType()).isEqualTo("not-found");
    assertThat(events.get(5).status()).isEqualTo(502);
    assertThat(events.get(5).durationUs()).isEqualTo(1_503_000);
  }

  @Test
  void apache_microseconds_are_detected_and_event_ids_are_stable_across_runs() throws Exception {
    Path log = sample("sample-apache.log");
    ListSink first = new ListSink();
    BackfillJob.FileResult result =
        new BackfillJob(first, options())
            .run(log, InputFormat.CLF, clf(AccessLogParser.ResponseTime.AUTO), (b, e) -> {});
    assertThat(result.published()).isEqualTo(2);
    assertThat(result.rejected()).containsExactly(Map.entry(Rejection.Category.BAD_STATUS, 1L));
    assertThat(first.events())
        .extracting(TimingEvent::durationUs)
        .containsExactly(12_345L, 250_000L);
    assertThat(first.events().get(0).tsUs()).isEqualTo(T.plusSeconds(1).toEpochMilli() * 1000);
    assertThat(first.events().get(1).route()).isEqualTo("/api/search");

    ListSink second = new ListSink();
    new BackfillJob(second, withRestart(options()))
        .run(log, InputFormat.CLF, clf(AccessLogParser.ResponseTime.AUTO), (b, e) -> {});
    assertThat(second.events())
        .extracting(TimingEvent::eventId)
        .containsExactlyElementsOf(first.events().stream().map(TimingEvent::eventId).toList());
  }

  @Test
  void a_flagged_unit_overrides_detection() {
    AccessLogParser millis =
        new AccessLogParser(
            RouteTemplates.defaults(), AccessLogParser.ResponseTime.MILLIS, "s", "r", "i");
    ParsedLine parsed =
        millis.parse(
            "1.2.3.4 - - [18/Nov/2026:10:00:01 +0000] \"GET /api/me HTTP/1.1\" 200 1 \"-\" \"-\" 12.5",
            "x:0");
    assertThat(parsed)
        .isInstanceOfSatisfying(
            ParsedLine.Events.class,
            e -> assertThat(e.events().get(0).durationUs()).isEqualTo(12_500));
  }

  @Test
  void a_run_that_fails_resumes_from_its_checkpoint_without_losing_or_repeating_chunks()
      throws Exception {
    Path file = dir.resolve("big.ndjson");
    StringBuilder text = new StringBuilder();
    List<String> lines = Files.readAllLines(sample("sample.ndjson"));
    String valid = lines.get(0);
    for (int i = 0; i < 100; i++) {
      text.append(valid.replace("000000000001", String.format("%012d", i))).append('\n');
    }
    Files.writeString(file, text);
    BackfillJob.Options small =
        new BackfillJob.Options(10, 500, 0, dir.resolve(".pitchey-backfill"), false, 5);

    // The fourth chunk is refused: three chunks (30 lines) are confirmed and checkpointed.
    ListSink failing = new ListSink(4);
    assertThatThrownBy(
            () ->
                new BackfillJob(failing, small)
                    .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {}))
        .isInstanceOf(BackfillException.class);
    assertThat(failing.events()).hasSize(30);
    Checkpoint saved = Checkpoint.read(Checkpoint.fileFor(small.checkpointDir(), file));
    assertThat(saved.line()).isEqualTo(30);
    assertThat(saved.offset()).isEqualTo(30L * (valid.length() + 1));
    assertThat(saved.done()).isFalse();

    ListSink resumed = new ListSink();
    long[] progressBytes = {0};
    BackfillJob.FileResult result =
        new BackfillJob(resumed, small)
            .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> progressBytes[0] += b);
    assertThat(result.resumedAtLine()).isEqualTo(30);
    assertThat(resumed.events()).hasSize(70);
    assertThat(resumed.events().get(0).eventId()).endsWith("000000000030");
    assertThat(result.published()).as("cumulative over both runs").isEqualTo(100);
    assertThat(progressBytes[0]).isEqualTo(Files.size(file));

    // Done: a third run publishes nothing.
    ListSink again = new ListSink();
    BackfillJob.FileResult skipped =
        new BackfillJob(again, small)
            .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {});
    assertThat(skipped.skipped()).isTrue();
    assertThat(again.events()).isEmpty();
  }

  @Test
  void an_unterminated_last_line_is_left_for_the_next_run_and_read_once_complete()
      throws Exception {
    Path file = dir.resolve("growing.ndjson");
    List<String> lines = Files.readAllLines(sample("sample.ndjson"));
    String first = lines.get(0);
    String second = first.replace("000000000001", "000000000002");
    String third = first.replace("000000000001", "000000000003");
    int cut = third.length() / 2;
    Files.writeString(file, first + "\n" + second + "\n" + third.substring(0, cut));
    BackfillJob.Options opts =
        new BackfillJob.Options(1, 500, 0, dir.resolve(".pitchey-backfill"), false, 5);

    ListSink sink = new ListSink();
    BackfillJob.FileResult result =
        new BackfillJob(sink, opts).run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {});

    assertThat(result.lines()).isEqualTo(2);
    assertThat(result.published()).isEqualTo(2);
    assertThat(result.rejectedLines()).isZero();
    assertThat(result.incompleteLastLine()).isTrue();
    assertThat(result.note()).isEqualTo("incomplete last line, left for the next run");
    assertThat(sink.events()).extracting(TimingEvent::eventId).hasSize(2);
    Checkpoint saved = Checkpoint.read(Checkpoint.fileFor(opts.checkpointDir(), file));
    assertThat(saved.offset()).isEqualTo(first.length() + 1 + second.length() + 1);
    assertThat(saved.line()).isEqualTo(2);
    assertThat(saved.done()).isFalse();

    // Still incomplete: nothing more is read.
    ListSink still = new ListSink();
    assertThat(
            new BackfillJob(still, opts)
                .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {})
                .incompleteLastLine())
        .isTrue();
    assertThat(still.events()).isEmpty();

    // The writer finishes the line: the next run reads it, and the file is done.
    Files.writeString(file, third.substring(cut) + "\n", java.nio.file.StandardOpenOption.APPEND);
    ListSink resumed = new ListSink();
    BackfillJob.FileResult done =
        new BackfillJob(resumed, opts)
            .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {});
    assertThat(done.resumedAtLine()).isEqualTo(2);
    assertThat(done.incompleteLastLine()).isFalse();
    assertThat(done.note()).isEmpty();
    assertThat(done.lines()).isEqualTo(3);
    assertThat(done.published()).isEqualTo(3);
    assertThat(resumed.events()).extracting(TimingEvent::eventId).hasSize(1);
    assertThat(resumed.events().get(0).eventId()).endsWith("000000000003");
    assertThat(Checkpoint.read(Checkpoint.fileFor(opts.checkpointDir(), file)).done()).isTrue();
  }

  @Test
  void a_line_longer_than_the_cap_is_rejected_with_a_reason_and_reading_goes_on() throws Exception {
    Path file = dir.resolve("long.ndjson");
    String valid = Files.readAllLines(sample("sample.ndjson")).get(0);
    String after = valid.replace("000000000001", "000000000002");
    String huge = "{\"pad\":\"" + "x".repeat(BackfillJob.MAX_LINE_BYTES) + "\"}";
    Files.writeString(file, valid + "\n" + huge + "\n" + after + "\n");

    ListSink sink = new ListSink();
    BackfillJob.FileResult result = run(sink, file, options());

    assertThat(result.lines()).isEqualTo(3);
    assertThat(result.published()).isEqualTo(2);
    assertThat(result.rejected()).containsExactly(Map.entry(Rejection.Category.LINE_TOO_LONG, 1L));
    assertThat(result.firstRejected())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("line 2: line too long: " + huge.length() + " bytes")
                    .contains("more than " + BackfillJob.MAX_LINE_BYTES));
    assertThat(sink.events())
        .extracting(TimingEvent::eventId)
        .last()
        .satisfies(id -> assertThat(id).endsWith("000000000002"));
    Checkpoint saved = Checkpoint.read(Checkpoint.fileFor(options().checkpointDir(), file));
    assertThat(saved.offset()).isEqualTo(Files.size(file));
    assertThat(saved.done()).isTrue();
    assertThat(result.incompleteLastLine()).isFalse();
  }

  @Test
  void a_file_shorter_than_its_checkpoint_is_refused() throws Exception {
    Path file = dir.resolve("x.ndjson");
    Files.writeString(file, Files.readString(sample("sample.ndjson")));
    BackfillJob.Options opts = new BackfillJob.Options(2, 500, 0, dir, false, 5);
    assertThatThrownBy(
            () ->
                new BackfillJob(new ListSink(2), opts)
                    .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {}))
        .isInstanceOf(BackfillException.class);
    Files.writeString(file, "{}\n");
    assertThatThrownBy(
            () ->
                new BackfillJob(new ListSink(), opts)
                    .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {}))
        .hasMessageContaining("--restart");
  }

  @Test
  void the_rate_limit_paces_publishing() throws Exception {
    Path file = dir.resolve("r.ndjson");
    String valid = Files.readAllLines(sample("sample.ndjson")).get(0);
    Files.writeString(file, (valid + "\n").repeat(40));
    long start = System.nanoTime();
    new BackfillJob(new ListSink(), new BackfillJob.Options(100, 500, 100, dir, false, 5))
        .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {});
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("40 events at 100/s")
        .isGreaterThanOrEqualTo(350);
  }

  @Test
  void route_templates_match_segments_drop_queries_and_prefer_literals() throws Exception {
    RouteTemplates routes = RouteTemplates.load(sample("routes.txt"));
    assertThat(routes.templateOf("/api/pitches/42?x=1")).isEqualTo("/api/pitches/{id}");
    assertThat(routes.templateOf("/api/pitches/new")).isEqualTo("/api/pitches/new");
    assertThat(routes.templateOf("/api/pitches/")).isEqualTo("/api/pitches");
    assertThat(routes.templateOf("/api/pitches/1/comments")).isEqualTo("<unmatched>");
    assertThat(routes.templateOf("/api//pitches")).isEqualTo("<unmatched>");
    assertThat(routes.templateOf("/")).isEqualTo("<unmatched>");
    assertThat(RouteTemplates.matches("/api/pitches/{id}", "/api/pitches/9#top")).isTrue();
    assertThatThrownBy(() -> RouteTemplates.of(List.of("api/x")))
        .hasMessageContaining("starts with '/'");
  }

  private BackfillJob.FileResult run(ListSink sink, Path file, BackfillJob.Options options)
      throws IOException, InterruptedException {
    return new BackfillJob(sink, options)
        .run(file, InputFormat.detect(file), new NdjsonParser(), (b, e) -> {});
  }

  private BackfillJob.Options options() {
    return BackfillJob.Options.defaults(dir.resolve(".pitchey-backfill"));
  }

  private static BackfillJob.Options withRestart(BackfillJob.Options o) {
    return new BackfillJob.Options(
        o.chunkLines(),
        o.maxBatch(),
        o.eventsPerSecond(),
        o.checkpointDir(),
        true,
        o.firstRejected());
  }

  private static AccessLogParser clf(AccessLogParser.ResponseTime unit) throws Exception {
    return new AccessLogParser(
        RouteTemplates.load(sample("routes.txt")), unit, "web", "eu", "nginx-1");
  }

  static Path sample(String name) throws URISyntaxException {
    return Path.of(BackfillJobTest.class.getResource("/backfill/" + name).toURI());
  }
}
