package io.pitchey.ingest.event;

/** Bytes that are not a valid timing event or batch of timing events (contracts §2). */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
