package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import java.util.List;

/** One input line: its events (an NDJSON line may hold a batch), or why it was rejected. */
public sealed interface ParsedLine {
  record Events(List<TimingEvent> events) implements ParsedLine {
    public Events {
      events = List.copyOf(events);
    }
  }

  record Rejected(Rejection rejection) implements ParsedLine {}

  /** A blank line: neither published nor rejected. */
  record Blank() implements ParsedLine {}

  static ParsedLine rejected(Rejection.Category category, String detail) {
    return new Rejected(new Rejection(category, detail));
  }
}
