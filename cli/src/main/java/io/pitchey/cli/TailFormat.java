package io.pitchey.cli;

import io.pitchey.ingest.event.TimingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;

/**
 * One readable line per event, like {@code wrangler tail}:
 *
 * <pre>
 * 10:00:01.123Z GET  /api/pitches/{id}          200   12.3 ms  db   1.2 ms/1  HIT        512 B  api-1
 * </pre>
 *
 * Time (UTC, start of the request), method, route, status, duration, DB time and queries, cache,
 * response bytes, instance; an error type follows errors. With ANSI on, 5xx are red, 4xx yellow and
 * requests over 100 ms bold.
 */
final class TailFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TailFormat() {}

  static String format(TimingEvent e, Ansi ansi) {
    String time = TIME.format(Instant.ofEpochSecond(0, e.tsUs() * 1000));
    String status = Integer.toString(e.status());
    if (e.status() >= 500) {
      status = "@|bold,red " + status + "|@";
    } else if (e.status() >= 400) {
      status = "@|yellow " + status + "|@";
    }
    String duration = String.format(Locale.ROOT, "%7.1f ms", e.durationUs() / 1000.0);
    if (e.durationUs() > 100_000) {
      duration = "@|bold " + duration + "|@";
    }
    String line =
        String.format(
            Locale.ROOT,
            "%s %-6s %-28s %s %s  db %6.1f ms/%-2d %-11s %8d B  %s%s",
            time,
            e.method(),
            e.route(),
            status,
            duration,
            e.dbUs() / 1000.0,
            e.dbQueries(),
            e.cache(),
            e.bytes(),
            e.instance(),
            e.errorType() == null ? "" : "  " + e.errorType());
    return ansi.string(escapeRoute(line, e.route()));
  }

  // Route templates contain braces, which picocli's markup leaves alone; '@|' never appears in
  // one, but guard anyway so a strange route cannot turn into markup.
  private static String escapeRoute(String line, String route) {
    return route.contains("@|") ? line.replace(route, route.replace("@|", "@ |")) : line;
  }
}
