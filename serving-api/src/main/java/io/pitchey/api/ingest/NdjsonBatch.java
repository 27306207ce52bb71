package io.pitchey.api.ingest;

import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An NDJSON body split into lines and each line read with the topic's own reader ({@link
 * TimingEventJson}): one event per line (a line holding a JSON array, the topic's batch form, is
 * read as its events). Blank lines are skipped but counted, so line numbers match the client's
 * file; a trailing {@code \r} is dropped.
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

  static NdjsonBatch parse(byte[] body) {
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
        try {
          accepted.addAll(TimingEventJson.read(Arrays.copyOfRange(body, start, end)));
        } catch (InvalidEventException e) {
          rejectedLines++;
          if (rejected.size() < MAX_LISTED_REJECTIONS) {
            rejected.add(new IngestReport.Rejection(lineNumber, reason(e)));
          }
        }
      }
      start = i + 1;
    }
    return new NdjsonBatch(accepted, rejectedLines, rejected);
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
