package io.pitchey.ingest.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One served request, as published to {@code pitchey.request-timings.v1} (contracts §2, schema
 * version 1). Times are microseconds; {@code tsUs} is the request start since the Unix epoch, UTC.
 *
 * <p>Every field but {@code errorType} is required on the wire; readers ignore unknown fields so
 * later versions can add some. {@code route} is the route template, never the raw path, which keeps
 * the key space bounded by the code rather than by clients.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimingEvent(
    @JsonProperty(value = "v", required = true) int version,
    @JsonProperty(required = true) String eventId,
    @JsonProperty(required = true) String requestId,
    @JsonProperty(required = true) long tsUs,
    @JsonProperty(required = true) String service,
    @JsonProperty(required = true) String region,
    @JsonProperty(required = true) String instance,
    @JsonProperty(required = true) String method,
    @JsonProperty(required = true) String route,
    @JsonProperty(required = true) int status,
    @JsonProperty(required = true) long durationUs,
    @JsonProperty(required = true) long dbUs,
    @JsonProperty(required = true) int dbQueries,
    @JsonProperty(required = true) CacheStatus cache,
    @JsonProperty(required = true) ContentClass contentClass,
    @JsonProperty(required = true) long bytes,
    @Nullable String errorType) {

  public static final int SCHEMA_VERSION = 1;

  /** The route of requests whose path matched no route: one bucket, whatever the path. */
  public static final String UNMATCHED_ROUTE = "<unmatched>";

  private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");

  public TimingEvent {
    requireText(eventId, "event_id");
    requireText(requestId, "request_id");
    requireKeyPart(service, "service");
    requireKeyPart(region, "region");
    requireKeyPart(instance, "instance");
    Objects.requireNonNull(method, "method is required");
    Objects.requireNonNull(route, "route is required");
    Objects.requireNonNull(cache, "cache is required");
    Objects.requireNonNull(contentClass, "content_class is required");
    if (version < 1) {
      throw new IllegalArgumentException("v must be >= 1, was " + version);
    }
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException(
          "method must be upper case (A-Z, 0-9, '-', '_'), was '" + method + "'");
    }
    if (!route.startsWith("/") && !route.equals(UNMATCHED_ROUTE)) {
      throw new IllegalArgumentException(
          "route must be a template starting with '/' or '<unmatched>', was '" + route + "'");
    }
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    if (durationUs < 0 || dbUs < 0 || dbQueries < 0 || bytes < 0 || tsUs < 0) {
      throw new IllegalArgumentException(
          "ts_us, duration_us, db_us, db_queries and bytes must be >= 0");
    }
    if (status < 400 && errorType != null) {
      throw new IllegalArgumentException(
          "error_type is only set for status >= 400, status was " + status);
    }
    if (errorType != null && errorType.isEmpty()) {
      throw new IllegalArgumentException("error_type must not be empty when present");
    }
  }

  private static void requireText(@Nullable String value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " is required");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
  }

  /** Parts of the record key: non-empty and free of the key's separator. */
  private static void requireKeyPart(@Nullable String value, String field) {
    requireText(value, field);
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(field + " must not contain '|', was '" + value + "'");
    }
  }

  /** {@code METHOD route}, e.g. {@code GET /api/pitches/{id}}. */
  @JsonIgnore
  public String routeKey() {
    return method + " " + route;
  }
}
