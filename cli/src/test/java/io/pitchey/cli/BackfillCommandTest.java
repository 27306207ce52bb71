package io.pitchey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.ingest.backfill.BackfillJob;
import io.pitchey.ingest.backfill.InputFormat;
import io.pitchey.ingest.backfill.Rejection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackfillCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();
  private final CommandLine pitchey =
      Pitchey.commandLine()
          .setErr(new PrintWriter(err, true))
          .setOut(new PrintWriter(new StringWriter()));

  @Test
  void a_missing_file_stops_with_a_message_before_anything_connects() {
    int status = pitchey.execute("backfill", "--kafka-bootstrap", "nowhere:1", "no-such.ndjson");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("no such file: no-such.ndjson");
  }

  @Test
  void no_file_at_all_is_a_usage_error() {
    assertThat(pitchey.execute("backfill")).isEqualTo(2);
    assertThat(err.toString()).contains("FILE");
  }

  @Test
  void bad_flags_are_named() throws Exception {
    Path f = Files.writeString(dir.resolve("a.log"), "x\n");
    assertThat(pitchey.execute("backfill", "--format", "csv", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--format must be auto, ndjson or clf");
    assertThat(pitchey.execute("backfill", "--response-time", "hours", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--response-time");
    assertThat(pitchey.execute("backfill", "--rate", "-5", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--rate must be >= 0");
    assertThat(pitchey.execute("backfill", "--instance", "a|b", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("without '|'");
  }

  @Test
  void the_summary_lists_counts_reasons_and_first_rejected_lines() {
    BackfillJob.FileResult r =
        new BackfillJob.FileResult(
            Path.of("access.log"),
            InputFormat.CLF,
            120,
            117,
            Map.of(
                Rejection.Category.BAD_RESPONSE_TIME,
                2L,
                Rejection.Category.MALFORMED_LOG_LINE,
                1L),
            List.of("line 7: bad response time: '-'", "line 9: malformed log line: x"),
            40,
            false);
    String summary = BackfillCommand.summary(List.of(r), 77, Duration.ofSeconds(2));
    assertThat(summary)
        .contains("access.log")
        .contains("CLF")
        .contains("120")
        .contains("117")
        .contains("(resumed at line 41)")
        .contains("malformed log line 1")
        .contains("bad response time 2")
        .contains("access.log line 7: bad response time: '-'")
        .contains("this run: 77 events published in 2.0 s");
  }

  @Test
  void demo_history_has_the_advertised_shape() throws Exception {
    Instant end = Instant.parse("2026-11-25T10:00:00Z");
    DemoHistory history = new DemoHistory(end, 50_000);
    assertThat(history.start()).isEqualTo(end.minus(Duration.ofDays(14)));
    // Afternoon busier than night; weekday busier than the weekend.
    assertThat(DemoHistory.shape(Instant.parse("2026-11-24T15:00:00Z")))
        .isGreaterThan(3 * DemoHistory.shape(Instant.parse("2026-11-24T04:00:00Z")));
    assertThat(DemoHistory.shape(Instant.parse("2026-11-24T15:00:00Z")))
        .isGreaterThan(DemoHistory.shape(Instant.parse("2026-11-22T15:00:00Z")));
    CountingSink sink = new CountingSink();
    long events = history.publish(sink);
    assertThat(events).isBetween(45_000L, 55_000L);
    assertThat(sink.events).isEqualTo(events);
    assertThat(sink.minTsUs).isGreaterThanOrEqualTo(history.start().toEpochMilli() * 1000);
    assertThat(sink.maxTsUs).isLessThan(end.toEpochMilli() * 1000);
    assertThat(sink.errorsInBadHour).isGreaterThan(sink.errorsInOtherHour * 5);
    assertThat(sink.maxBatch).isLessThanOrEqualTo(500);
  }

  /** Counts what the history sends. */
  private static final class CountingSink implements io.pitchey.ingest.backfill.BatchSink {
    long events;
    long minTsUs = Long.MAX_VALUE;
    long maxTsUs;
    long errorsInBadHour;
    long errorsInOtherHour;
    int maxBatch;
    private final long badFromUs =
        new DemoHistory(Instant.parse("2026-11-25T10:00:00Z"), 1).badHourStart().toEpochMilli()
            * 1000;

    @Override
    public void send(String key, List<io.pitchey.ingest.event.TimingEvent> batch, long ts) {
      maxBatch = Math.max(maxBatch, batch.size());
      for (var e : batch) {
        events++;
        minTsUs = Math.min(minTsUs, e.tsUs());
        maxTsUs = Math.max(maxTsUs, e.tsUs());
        if (e.status() >= 500) {
          if (e.tsUs() >= badFromUs && e.tsUs() < badFromUs + 3_600_000_000L) {
            errorsInBadHour++;
          } else if (e.tsUs() >= badFromUs + 86_400_000_000L
              && e.tsUs() < badFromUs + 86_400_000_000L + 3_600_000_000L) {
            errorsInOtherHour++;
          }
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
