package io.pitchey.api.http;

import java.util.Map;

/**
 * What a handler throws to answer with a problem instead of a result. {@link ProblemMapper} turns
 * it into the response, so handlers never set error statuses themselves.
 *
 * <p>The detail is sent to the client: it must explain the problem without revealing internals.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  /**
   * A problem with RFC 9457 extension members, e.g. the rejected lines of an ingest batch. Names
   * are snake_case and must not clash with the standard members.
   */
  public ApiException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false); // control flow, not a bug: no stack trace to fill
    this.type = type;
    this.extensions = Map.copyOf(extensions);
  }

  public static ApiException invalid(String detail) {
    return new ApiException(ProblemType.VALIDATION, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ProblemType.NOT_FOUND, detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(ProblemType.UNAUTHORIZED, detail);
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  /** Extension members of the problem body; empty for most problems. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
