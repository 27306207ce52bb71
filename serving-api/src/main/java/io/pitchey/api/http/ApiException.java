package io.pitchey.api.http;

import java.util.LinkedHashMap;
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
  private final Map<String, String> headers;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  /**
   * A problem with RFC 9457 extension members, e.g. the rejected lines of an ingest batch. Names
   * are snake_case and must not clash with the standard members.
   */
  public ApiException(ProblemType type, String detail, Map<String, Object> extensions) {
    this(type, detail, extensions, Map.of());
  }

  private ApiException(
      ProblemType type,
      String detail,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail, null, false, false); // control flow, not a bug: no stack trace to fill
    this.type = type;
    this.extensions = Map.copyOf(extensions);
    this.headers = Map.copyOf(headers);
  }

  /**
   * The same problem, answered with one more response header, e.g. {@code Retry-After} or a precise
   * {@code WWW-Authenticate}.
   */
  public ApiException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiException(type, detail(), extensions, more);
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

  /** Response headers that belong to this problem; empty for most problems. */
  public Map<String, String> headers() {
    return headers;
  }
}
