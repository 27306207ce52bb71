package io.pitchey.devstack;

/**
 * A local service could not be started, stopped or reached within its bound. The message says which
 * service, what was attempted and where to look (log file, data directory); it is unchecked because
 * callers (tests, the demo command) cannot recover from it, only report it.
 */
public class DevStackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DevStackException(String message) {
    super(message);
  }

  public DevStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
