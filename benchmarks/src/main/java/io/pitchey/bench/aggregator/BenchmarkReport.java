package io.pitchey.bench.aggregator;

import io.pitchey.bench.aggregator.AggregatorBenchmark.BenchmarkPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The run's figures as Markdown, written to a dated file beside the other results. */
record BenchmarkReport(
    BenchmarkPlan plan, EventLoad load, RunTimer timer, Accuracy accuracy, StateSizes state) {

  String markdown() {
    StringBuilder out = new StringBuilder();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    out.append(
        String.format(
            Locale.ROOT,
            """
            # Aggregator benchmark, %s

            - machine: %d cores, %s %s, JDK %s, max heap %d MiB; broker, PostgreSQL and the aggregator share it
            - commit: %s
            - load: %,d events (%.0f bytes of JSON each) in %,d records of up to %d events, %d partitions, \
            8 routes × 2 instances, event times over 10 minutes; produced in %.1f s before the aggregator started
            - aggregator: %d stream threads, exactly_once_v2, 1-minute windows, grace %s, provisional every %s

            | figure | value |
            |---|---:|
            | aggregator start → last final row | %.1f s |
            | **events/s** (events / that time) | **%,.0f** |
            | aggregator start → RUNNING (start-up) | %.1f s |
            | events/s after start-up (events / (last row − RUNNING)) | %,.0f |
            | aggregator start → first final row | %.1f s |
            | window state, changelog values | %,d |
            | window state, mean / median / max bytes | %,.0f / %,d / %,d |
            | worst relative error, P50–P99.9, any route | %.3f %% |

            | route | requests | P50 exact → db µs | P95 | P99 | P99.9 | worst error |
            |---|---:|---:|---:|---:|---:|---:|
            """,
            now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20,
            System.getenv().getOrDefault("PITCHEY_COMMIT", "unknown"),
            load.events(),
            load.averageEventBytes(),
            load.records(),
            plan.batch(),
            plan.partitions(),
            load.seconds(),
            plan.streamThreads(),
            plan.windows().grace(),
            plan.windows().provisionalInterval(),
            timer.allCountedSeconds(),
            load.events() / timer.allCountedSeconds(),
            timer.runningSeconds(),
            load.events() / (timer.allCountedSeconds() - timer.runningSeconds()),
            timer.firstRowSeconds(),
            state.values(),
            state.mean(),
            state.p50(),
            state.max(),
            accuracy.worstRelativeError() * 100));
    for (Accuracy.Row row : accuracy.rows()) {
      out.append(String.format(Locale.ROOT, "| %s | %,d |", row.route(), row.requests()));
      double worst = 0;
      for (int q = 0; q < Accuracy.QUANTILES.length; q++) {
        out.append(String.format(Locale.ROOT, " %,d → %,.0f |", row.exact()[q], row.measured()[q]));
        worst = Math.max(worst, row.relativeError(q));
      }
      out.append(String.format(Locale.ROOT, " %.3f %% |%n", worst * 100));
    }
    return out.toString();
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    String stamp =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"));
    Path file = directory.resolve("aggregator-" + stamp + ".md");
    Files.writeString(file, markdown());
    System.out.println("written to " + file);
  }
}
