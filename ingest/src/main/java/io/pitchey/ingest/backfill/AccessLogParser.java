package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access logs in Combined Log Format followed by a response-time field (the last field on the
 * line):
 *
 * <pre>
 * 203.0.113.7 - - [25/Nov/2026:10:00:01 +0000] "GET /api/pitches/42?x=1 HTTP/1.1" 200 512 "-" "curl/8" 0.012
 * </pre>
 *
 * nginx logs {@code $request_time} in seconds with millisecond resolution, and its {@code
 * $time_local} is when the response finished; Apache logs {@code %D} in microseconds and its {@code
 * %t} is when the request arrived. {@link ResponseTime#AUTO} tells them apart by the value (a
 * decimal point means nginx seconds) and takes the request start as {@code time − duration} for
 * nginx, {@code time} for Apache. Paths become route templates; service, region and instance come
 * from the caller. A log says nothing of the cache or the database: events get {@code cache =
 * BYPASS} (counted neither as hit nor miss), {@code db_us = db_queries = 0} and {@code
 * content_class = OTHER}.
 */
public final class AccessLogParser implements LineParser {
  /** The unit of the response-time field. */
  public enum ResponseTime {
    /** Seconds if the value has a decimal point (nginx), else microseconds (Apache). */
    AUTO,
    /** nginx {@code $request_time}: seconds with millisecond resolution. */
    SECONDS,
    /** Apache {@code %D}: microseconds. */
    MICROS,
    /** Milliseconds (some proxies). */
    MILLIS
  }

  private static final Pattern LINE =
      Pattern.compile(
          "^(\\S+) (\\S+) (.+?) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\S+) (\\S+)"
              + "(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?(.*)$");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final DateTimeFormatter CLF_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final RouteTemplates routes;
  private final ResponseTime unit;
  private final String service;
  private final String region;
  private final String instance;

  public AccessLogParser(
      RouteTemplates routes, ResponseTime unit, String service, String region, String instance) {
    this.routes = routes;
    this.unit = unit;
    this.service = service;
    this.region = region;
    this.instance = instance;
  }

  @Override
  public ParsedLine parse(String line, String source) {
    if (line.isBlank()) {
      return new ParsedLine.Blank();
    }
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return ParsedLine.rejected(
          Rejection.Category.MALFORMED_LOG_LINE, "not Combined Log Format: " + abbreviate(line));
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(m.group(4), CLF_TIME);
    } catch (DateTimeParseException e) {
      return ParsedLine.rejected(Rejection.Category.BAD_TIMESTAMP, "[" + m.group(4) + "]");
    }
    String[] request = m.group(5).split(" ");
    if (request.length < 2
        || !METHOD.matcher(request[0]).matches()
        || !request[1].startsWith("/")) {
      return ParsedLine.rejected(
          Rejection.Category.BAD_REQUEST_LINE, "\"" + abbreviate(m.group(5)) + "\"");
    }
    int status;
    try {
      status = Integer.parseInt(m.group(6));
    } catch (NumberFormatException e) {
      status = -1;
    }
    if (status < 100 || status > 599) {
      return ParsedLine.rejected(Rejection.Category.BAD_STATUS, m.group(6));
    }
    long bytes = parseBytes(m.group(7));
    String tail = m.group(10).strip();
    String rt = tail.isEmpty() ? "" : tail.substring(tail.lastIndexOf(' ') + 1);
    long durationUs;
    boolean endTime;
    try {
      ResponseTime resolved =
          unit == ResponseTime.AUTO
              ? (rt.contains(".") ? ResponseTime.SECONDS : ResponseTime.MICROS)
              : unit;
      durationUs = toMicros(rt, resolved);
      endTime = resolved == ResponseTime.SECONDS;
    } catch (NumberFormatException e) {
      return ParsedLine.rejected(
          Rejection.Category.BAD_RESPONSE_TIME,
          rt.isEmpty() ? "no response-time field after the user agent" : "'" + rt + "'");
    }
    long loggedUs = time.toEpochSecond() * 1_000_000L;
    long startUs = endTime ? Math.max(0, loggedUs - durationUs) : loggedUs;
    String id = UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString();
    return new ParsedLine.Events(
        List.of(
            new TimingEvent(
                TimingEvent.SCHEMA_VERSION,
                id,
                id,
                startUs,
                service,
                region,
                instance,
                request[0],
                routes.templateOf(request[1]),
                status,
                durationUs,
                0,
                0,
                CacheStatus.BYPASS,
                ContentClass.OTHER,
                bytes,
                status >= 400 ? errorType(status) : null)));
  }

  private static long toMicros(String value, ResponseTime unit) {
    if (value.isEmpty() || value.equals("-")) {
      throw new NumberFormatException("missing");
    }
    long us =
        switch (unit) {
          case SECONDS -> Math.round(Double.parseDouble(value) * 1_000_000d);
          case MILLIS -> Math.round(Double.parseDouble(value) * 1_000d);
          case MICROS, AUTO -> Long.parseLong(value);
        };
    if (us < 0 || !Double.isFinite(Double.parseDouble(value))) {
      throw new NumberFormatException("negative");
    }
    return us;
  }

  private static long parseBytes(String value) {
    try {
      return value.equals("-") ? 0 : Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The problem types the serving API uses for the common statuses (contracts §2). */
  static String errorType(int status) {
    return switch (status) {
      case 400, 422 -> "validation";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 429 -> "rate-limited";
      default -> "http-" + status;
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
