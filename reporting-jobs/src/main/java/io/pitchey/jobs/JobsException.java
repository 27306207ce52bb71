package io.pitchey.jobs;

/**
 * The scheduler could not start, register its jobs or accept a request. Unchecked: the callers (the
 * {@code pitchey jobs} command, tests) can only report it; the message says what was attempted.
 */
public final class JobsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JobsException(String message, Throwable cause) {
    super(message, cause);
  }
}
