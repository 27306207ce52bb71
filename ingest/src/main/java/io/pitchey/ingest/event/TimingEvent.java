package io.pitchey.ingest.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One served request, as published to {@code pitchey.request-timings.v1} (INTERFACES §2, schema
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

  public TimingEvent {
    Objects.requireNonNull(eventId, "event_id");
    Objects.requireNonNull(requestId, "request_id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(contentClass, "content_class");
    if (version < 1) {
      throw new IllegalArgumentException("v must be >= 1, was " + version);
    }
    if (!method.equals(method.toUpperCase(Locale.ROOT)) || method.isEmpty()) {
      throw new IllegalArgumentException("method must be upper case, was '" + method + "'");
    }
    if (!route.startsWith("/") && !route.equals(UNMATCHED_ROUTE)) {
      throw new IllegalArgumentException(
          "route must be a template starting with '/', was '" + route + "'");
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
  }

  /** {@code METHOD route}, e.g. {@code GET /api/pitches/{id}}. */
  @JsonIgnore
  public String routeKey() {
    return method + " " + route;
  }
}
