package io.pitchey.api.ingest;

import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An NDJSON body split into lines and each line read with the topic's own reader ({@link
 * TimingEventJson}): exactly one event (a JSON object) per line. A line holding a JSON array (the
 * topic's batch form) is a refused line, so {@code ingest.max-lines} bounds the events too. An
 * event whose {@code ts_us} lies outside {@code [now - maxAge, now + maxFutureSkew]} is a refused
 * line. Blank lines are skipped but counted, so line numbers match the client's file; a trailing
 * {@code \r} is dropped.
 */
record NdjsonBatch(
    List<TimingEvent> accepted, int rejectedLines, List<IngestReport.Rejection> rejected) {
  /** Rejections listed in a reply; the count covers all of them. */
  static final int MAX_LISTED_REJECTIONS = 100;

  private static final int MAX_REASON_LENGTH = 300;

  /** Non-blank lines in {@code body}, counted without parsing. */
  static int countLines(byte[] body) {
    int lines = 0;
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        if (!isBlank(body, start, i)) {
          lines++;
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /**
   * @param nowUs the server clock, microseconds since the epoch
   * @param limits the accepted event time window ({@link IngestLimits#maxFutureSkew}, {@link
   *     IngestLimits#maxAge})
   */
  static NdjsonBatch parse(byte[] body, long nowUs, IngestLimits limits) {
    long latestUs = nowUs + micros(limits.maxFutureSkew());
    long earliestUs = nowUs - micros(limits.maxAge());
    List<TimingEvent> accepted = new ArrayList<>();
    List<IngestReport.Rejection> rejected = new ArrayList<>();
    int rejectedLines = 0;
    int lineNumber = 0;
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i < body.length && body[i] != '\n') {
        continue;
      }
      lineNumber++;
      int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
      if (!isBlank(body, start, end)) {
        String reason;
        if (firstNonBlank(body, start, end) == '[') {
          reason =
              "one event per line: a JSON array is not accepted here; send each event on its own"
                  + " line";
        } else {
          try {
            List<TimingEvent> events = TimingEventJson.read(Arrays.copyOfRange(body, start, end));
            reason = outOfWindow(events, nowUs, latestUs, earliestUs, limits);
            if (reason == null) {
              accepted.addAll(events);
            }
          } catch (InvalidEventException e) {
            reason = reason(e);
          }
        }
        if (reason != null) {
          rejectedLines++;
          if (rejected.size() < MAX_LISTED_REJECTIONS) {
            rejected.add(new IngestReport.Rejection(lineNumber, reason));
          }
        }
      }
      start = i + 1;
    }
    return new NdjsonBatch(accepted, rejectedLines, rejected);
  }

  private static @Nullable String outOfWindow(
      List<TimingEvent> events, long nowUs, long latestUs, long earliestUs, IngestLimits limits) {
    for (TimingEvent event : events) {
      if (event.tsUs() > latestUs) {
        return "ts_us is "
            + seconds(event.tsUs() - nowUs)
            + " s ahead of the server clock; at most "
            + limits.maxFutureSkew().toSeconds()
            + " s (ingest.max-future-skew) are accepted: check the sender's clock";
      }
      if (event.tsUs() < earliestUs) {
        return "ts_us is "
            + seconds(nowUs - event.tsUs())
            + " s behind the server clock; at most "
            + limits.maxAge().toSeconds()
            + " s (ingest.max-age) are accepted: load older history with 'pitchey backfill'";
      }
    }
    return null;
  }

  private static long seconds(long micros) {
    return micros / 1_000_000L;
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1_000L;
  }

  private static int firstNonBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return b;
      }
    }
    return -1;
  }

  private static String reason(InvalidEventException e) {
    String message = e.getMessage() == null ? "invalid timing event" : e.getMessage();
    return message.length() <= MAX_REASON_LENGTH
        ? message
        : message.substring(0, MAX_REASON_LENGTH) + "…";
  }

  private static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  IngestReport report() {
    return new IngestReport(accepted.size(), rejectedLines, rejected);
  }
}
