package io.pitchey.ingest.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEventJson;
import java.nio.charset.StandardCharsets;

/** NDJSON in the event schema: one event (or an array of events) per line, read as published. */
public final class NdjsonParser implements LineParser {
  @Override
  public ParsedLine parse(String line, String source) {
    if (line.isBlank()) {
      return new ParsedLine.Blank();
    }
    try {
      return new ParsedLine.Events(TimingEventJson.read(line.getBytes(StandardCharsets.UTF_8)));
    } catch (InvalidEventException e) {
      boolean syntax =
          e.getCause() instanceof JsonProcessingException jpe
              && !(jpe instanceof com.fasterxml.jackson.databind.JsonMappingException);
      String message = firstLine(e.getMessage());
      return ParsedLine.rejected(
          syntax ? Rejection.Category.MALFORMED_JSON : Rejection.Category.INVALID_EVENT, message);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
