package io.pitchey.api.http;

/**
 * What a handler throws to answer with a problem instead of a result. {@link ProblemMapper} turns
 * it into the response, so handlers never set error statuses themselves.
 *
 * <p>The detail is sent to the client: it must explain the problem without revealing internals.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  public ApiException(ProblemType type, String detail) {
    super(detail, null, false, false); // control flow, not a bug: no stack trace to fill
    this.type = type;
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
}
