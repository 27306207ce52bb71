package io.pitchey.cli;

import io.pitchey.ingest.backfill.AccessLogParser;
import io.pitchey.ingest.backfill.BackfillJob;
import io.pitchey.ingest.backfill.BatchSink;
import io.pitchey.ingest.backfill.InputFormat;
import io.pitchey.ingest.backfill.KafkaBatchSink;
import io.pitchey.ingest.backfill.LineParser;
import io.pitchey.ingest.backfill.NdjsonParser;
import io.pitchey.ingest.backfill.Rejection;
import io.pitchey.ingest.backfill.RouteTemplates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pitchey backfill FILE…}: publishes historical timing events with their original timestamps
 * to the backfill topic, where the aggregator turns them into correction rows (docs/backfill.md).
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Publish historical timing data (NDJSON events, or access logs in Combined Log Format with a"
          + " response-time field) to "
          + "pitchey.request-timings.backfill.v1, keeping original timestamps.",
      "Resumable: a checkpoint per file records what the broker confirmed."
    })
final class BackfillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON or access-log files")
  List<Path> files = new ArrayList<>();

  @Mixin KafkaBootstrapOption kafka;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description = "auto, ndjson or clf (default: by extension, else by the first line)")
  String format;

  @Option(
      names = "--response-time",
      defaultValue = "auto",
      description =
          "unit of an access log's response-time field: auto (a decimal point = nginx"
              + " $request_time seconds, else Apache %%D microseconds), seconds, millis, micros")
  String responseTime;

  @Option(
      names = "--routes",
      paramLabel = "FILE",
      description = "route templates, one a line (e.g. /api/pitches/{id}); default: Pitchey's own")
  @Nullable Path routes;

  @Option(
      names = "--service",
      defaultValue = "serving-api",
      description = "service of access-log events (default ${DEFAULT-VALUE})")
  String service;

  @Option(
      names = "--region",
      defaultValue = "${env:PITCHEY_REGION:-local}",
      description = "region of access-log events (default ${DEFAULT-VALUE})")
  String region;

  @Option(
      names = "--instance",
      description = "instance of access-log events (default: the file name without extension)")
  @Nullable String instance;

  @Option(
      names = "--rate",
      paramLabel = "EVENTS_PER_S",
      defaultValue = "0",
      description = "publish at most this many events per second (default: unlimited)")
  double rate;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      defaultValue = ".pitchey-backfill",
      description = "where per-file checkpoints are kept (default ${DEFAULT-VALUE})")
  Path checkpointDir;

  @Option(names = "--restart", description = "ignore checkpoints and start every file over")
  boolean restart;

  @Option(
      names = "--progress",
      negatable = true,
      description = "show a progress bar on stderr (default: when stderr is a terminal)")
  @Nullable Boolean progress;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description =
          "partitions of the backfill topic if it has to be created (default ${DEFAULT-VALUE})")
  int partitions;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    RouteTemplates templates = routes == null ? RouteTemplates.defaults() : loadRoutes(routes);
    AccessLogParser.ResponseTime unit = parseUnit();
    BackfillTopic.ensure(kafka.servers, partitions, (short) 1);
    long totalBytes = 0;
    for (Path f : files) {
      totalBytes += Files.size(f);
    }
    BackfillJob.Options options =
        new BackfillJob.Options(20_000, 500, rate, checkpointDir, restart, 5);
    List<BackfillJob.FileResult> results = new ArrayList<>();
    long started = System.nanoTime();
    long publishedThisRun = 0;
    try (BatchSink sink = new KafkaBatchSink(kafka.servers, BackfillTopic.TOPIC);
        ProgressBar bar = progressBar(totalBytes)) {
      BackfillJob job = new BackfillJob(sink, options);
      for (Path file : files) {
        InputFormat fmt = format.equals("auto") ? InputFormat.detect(file) : parseFormat();
        LineParser parser =
            fmt == InputFormat.NDJSON
                ? new NdjsonParser()
                : new AccessLogParser(
                    templates, unit, service, region, instance == null ? stem(file) : instance);
        long[] events = {0};
        BackfillJob.FileResult result =
            job.run(
                file,
                fmt,
                parser,
                (bytes, n) -> {
                  events[0] += n;
                  if (bar != null) {
                    bar.stepBy(bytes);
                    bar.setExtraMessage(String.format(Locale.ROOT, "%,d events", events[0]));
                  }
                });
        publishedThisRun += events[0];
        results.add(result);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    out.print(summary(results, publishedThisRun, took));
    out.flush();
    return 0;
  }

  private void validate() {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new ParameterException(spec.commandLine(), "no such file: " + f);
      }
      if (!Files.isReadable(f)) {
        throw new ParameterException(spec.commandLine(), "cannot read " + f);
      }
    }
    if (rate < 0) {
      throw new ParameterException(spec.commandLine(), "--rate must be >= 0, was " + rate);
    }
    if (partitions < 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be >= 1");
    }
    if (!format.equals("auto")) {
      parseFormat();
    }
    parseUnit();
    for (String part : new String[] {service, region, instance == null ? "x" : instance}) {
      if (part.isEmpty() || part.contains("|")) {
        throw new ParameterException(
            spec.commandLine(),
            "--service, --region and --instance must be non-empty, without '|'");
      }
    }
  }

  private InputFormat parseFormat() {
    try {
      return InputFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--format must be auto, ndjson or clf, was '" + format + "'");
    }
  }

  private AccessLogParser.ResponseTime parseUnit() {
    try {
      return AccessLogParser.ResponseTime.valueOf(responseTime.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--response-time must be auto, seconds, millis or micros, was '" + responseTime + "'");
    }
  }

  private RouteTemplates loadRoutes(Path file) {
    try {
      return RouteTemplates.load(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--routes: " + e.getMessage());
    }
  }

  private @Nullable ProgressBar progressBar(long totalBytes) {
    boolean show = progress != null ? progress : System.console() != null;
    if (!show) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("backfill")
        .setInitialMax(totalBytes)
        .setUnit(" MB", 1 << 20)
        .showSpeed()
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(200)
        .build();
  }

  static String summary(
      List<BackfillJob.FileResult> results, long publishedThisRun, Duration took) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%n== Backfill to %s%n", BackfillTopic.TOPIC.name()));
    s.append(
        String.format(
            "  %-40s %-7s %10s %10s %10s%n", "file", "format", "read", "published", "rejected"));
    long lines = 0;
    long published = 0;
    long rejectedLines = 0;
    Map<Rejection.Category, Long> rejected = new EnumMap<>(Rejection.Category.class);
    List<String> first = new ArrayList<>();
    for (BackfillJob.FileResult r : results) {
      String note =
          r.skipped()
              ? "  (done in an earlier run; --restart redoes it)"
              : r.resumedAtLine() > 0 ? "  (resumed at line " + (r.resumedAtLine() + 1) + ")" : "";
      if (!r.note().isEmpty()) {
        note += "  (" + r.note() + ")";
      }
      s.append(
          String.format(
              "  %-40s %-7s %10d %10d %10d%s%n",
              abbreviate(r.file().toString()),
              r.format(),
              r.lines(),
              r.published(),
              r.rejectedLines(),
              note));
      lines += r.lines();
      published += r.published();
      rejectedLines += r.rejectedLines();
      r.rejected().forEach((c, n) -> rejected.merge(c, n, Long::sum));
      for (String line : r.firstRejected()) {
        if (first.size() < 5) {
          first.add(r.file().getFileName() + " " + line);
        }
      }
    }
    if (results.size() > 1) {
      s.append(
          String.format(
              "  %-40s %-7s %10d %10d %10d%n", "total", "", lines, published, rejectedLines));
    }
    if (!rejected.isEmpty()) {
      s.append("  rejected lines by reason: ")
          .append(
              rejected.entrySet().stream()
                  .map(e -> e.getKey().label() + " " + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append(System.lineSeparator());
      s.append("  first rejected:").append(System.lineSeparator());
      first.forEach(f -> s.append("    ").append(f).append(System.lineSeparator()));
    }
    double seconds = Math.max(took.toNanos() / 1e9, 1e-3);
    s.append(
        String.format(
            Locale.ROOT,
            "  this run: %d events published in %.1f s (%,.0f events/s)%n",
            publishedThisRun,
            seconds,
            publishedThisRun / seconds));
    return s.toString();
  }

  private static String abbreviate(String path) {
    return path.length() <= 40 ? path : "..." + path.substring(path.length() - 37);
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return stem.replace('|', '_');
  }
}
