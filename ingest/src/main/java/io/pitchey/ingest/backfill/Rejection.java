package io.pitchey.ingest.backfill;

/** Why an input line was not published: a category for the summary, and the detail. */
public record Rejection(Category category, String detail) {

  /** The reasons a line is rejected, reported per category in the summary. */
  public enum Category {
    /** Not JSON, or not a JSON object / array of objects. */
    MALFORMED_JSON("malformed JSON"),
    /** JSON that breaks the event contract: a required field missing or out of range. */
    INVALID_EVENT("invalid event"),
    /** Not in Combined Log Format (with a response-time field). */
    MALFORMED_LOG_LINE("malformed log line"),
    /** The date in brackets does not parse. */
    BAD_TIMESTAMP("bad timestamp"),
    /** The request line is not {@code "METHOD /path PROTOCOL"} (e.g. a TLS probe). */
    BAD_REQUEST_LINE("bad request line"),
    /** The status is not a number in 100..599. */
    BAD_STATUS("bad status"),
    /** The response-time field is missing, {@code -}, negative or not a number. */
    BAD_RESPONSE_TIME("bad response time"),
    /** Longer than {@link BackfillJob#MAX_LINE_BYTES}: skipped up to its newline, not parsed. */
    LINE_TOO_LONG("line too long");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
