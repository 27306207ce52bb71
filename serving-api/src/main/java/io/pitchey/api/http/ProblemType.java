package io.pitchey.api.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of problem the API reports (RFC 9457). Each has one status, one title and one slug; the
 * slug is both the tail of the problem's {@code type} URI and the timing event's {@code
 * error_type}. A new kind of failure is a new constant here, never a status chosen in a handler.
 */
public enum ProblemType {
  VALIDATION(400, "validation", "The request is not valid"),
  UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
  FORBIDDEN(403, "forbidden", "Not allowed for this caller"),
  NOT_FOUND(404, "not-found", "No such resource"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
  CONFLICT(409, "conflict", "The request conflicts with the resource's current state"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(
      415, "unsupported-media-type", "The request body's media type is not supported"),
  UNPROCESSABLE(422, "unprocessable", "Nothing in the request could be processed"),
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  INTERNAL(500, "internal", "Internal server error"),
  UNAVAILABLE(503, "unavailable", "A dependency is unavailable"),
  DB_TIMEOUT(503, "db-timeout", "The database did not answer in time");

  private static final String URN_PREFIX = "urn:pitchey:problem:";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** Short, stable name: {@code not-found}, {@code validation}, ... */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** A URN rather than a URL: it identifies the problem without promising a page to dereference. */
  public URI uri() {
    return URI.create(URN_PREFIX + slug);
  }

  /** The first (most general) type with this status. */
  public static Optional<ProblemType> forStatus(int status) {
    return Arrays.stream(values()).filter(type -> type.status == status).findFirst();
  }
}
