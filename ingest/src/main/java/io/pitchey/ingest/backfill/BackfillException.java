package io.pitchey.ingest.backfill;

/** A backfill cannot go on: unreadable input, a changed file, or records the broker refused. */
public final class BackfillException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackfillException(String message) {
    super(message);
  }

  public BackfillException(String message, Throwable cause) {
    super(message, cause);
  }
}
