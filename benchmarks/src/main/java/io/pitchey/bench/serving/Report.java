package io.pitchey.bench.serving;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The serving benchmark's figures as a table, the goal ratios, and the machine they ran on. */
record Report(
    Map<String, WrkResult> figures,
    List<Integer> connections,
    Duration duration,
    int publicPitches,
    int searchWords) {

  static final List<String> SCENARIOS =
      List.of("baseline", "cached", "cached-publishing-off", "uncached-db", "search");

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| scenario | connections | req/s | P50 ms | P90 ms | P99 ms | P99.9 ms | max ms | errors |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int c : connections) {
      for (String scenario : SCENARIOS) {
        WrkResult r = figures.get(scenario + "@" + c);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d |%n",
                scenario,
                c,
                r.requestsPerSecond(),
                r.p50() / 1e3,
                r.p90() / 1e3,
                r.p99() / 1e3,
                r.p999() / 1e3,
                r.max() / 1e3,
                r.errors()));
      }
    }
    out.append("\n| goal | connections | measured | goal |\n|---|---:|---:|---:|\n");
    for (int c : connections) {
      out.append(ratioRow("cached / baseline req/s", c, "cached", "baseline", 0.8));
      out.append(ratioRow("publishing on / off req/s", c, "cached", "cached-publishing-off", 0.95));
    }
    return out.toString();
  }

  private String ratioRow(String name, int c, String numerator, String denominator, double goal) {
    double ratio =
        figures.get(numerator + "@" + c).requestsPerSecond()
            / figures.get(denominator + "@" + c).requestsPerSecond();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.2f× %s | ≥ %.2f× |%n",
        name,
        c,
        ratio,
        ratio >= goal ? "(met)" : "(missed)",
        goal);
  }

  String markdown() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        """
        # Serving benchmark, %s

        - machine: %d cores, %s %s, JDK %s (%s), max heap %d MiB
        - commit: %s
        - each scenario %d s at each connection count (cached ones after a 3 s warm-up), wrk with
          `bench/wrk/paths.lua`, `Accept-Encoding: br, gzip`; server, database, broker and wrk share
          the machine
        - data: the demo seeder's users and pitches (%d public pitches); cached = 1,000 warmed pitches;
          uncached = distinct pitch ids never requested before; search = distinct two-word queries
          from the %d most frequent words

        %s
        """,
        ZonedDateTime.now(),
        runtime.availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.version(),
        System.getProperty("java.vendor"),
        runtime.maxMemory() >> 20,
        System.getenv().getOrDefault("PITCHEY_COMMIT", "unknown"),
        duration.toSeconds(),
        publicPitches,
        searchWords,
        table());
  }
}
