package io.pitchey.api.timing;

import io.javalin.http.Context;
import io.pitchey.api.db.DbUsage;
import io.pitchey.config.NodeIdentity;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one request did, gathered while it runs and turned into its {@link TimingEvent} when it
 * ends.
 *
 * <p>Handlers say what they served through {@link #of(Context)}: {@link #contentClass} and {@link
 * #cacheStatus}; the rest (route, status, times, bytes) is measured around them. Requests that say
 * nothing count as {@code OTHER} and {@code BYPASS}. Safe to update from any thread.
 *
 * <p>A request's duration is the time to produce its response: from the start until Javalin's
 * handlers and exception mapping are done ({@link #handled}), before the body is written. The
 * {@code Server-Timing} header, sent before the body, can report nothing later, and the event
 * carries the same number so the two agree; writing the body depends on the client's connection
 * more than on this service. A request that never reaches that point (an error escaping Javalin) is
 * timed until its response ends.
 */
public final class RequestTiming {
  static final String ATTRIBUTE = RequestTiming.class.getName();
  private static final Set<String> STANDARD_METHODS =
      Set.of(
          "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "QUERY");
  private static final String OTHER_METHOD = "OTHER";

  private final String requestId;
  private final long startNanos;
  private final long startEpochMicros;
  private final DbUsage db = new DbUsage();
  private volatile String route = TimingEvent.UNMATCHED_ROUTE;
  private volatile ContentClass contentClass = ContentClass.OTHER;
  private volatile CacheStatus cacheStatus = CacheStatus.BYPASS;
  private volatile @Nullable String errorType;
  private volatile long handledNanos;
  private volatile boolean handled;

  private RequestTiming(String requestId, long startNanos, long startEpochMicros) {
    this.requestId = requestId;
    this.startNanos = startNanos;
    this.startEpochMicros = startEpochMicros;
  }

  /**
   * Starts timing a request now: wall-clock start from {@code clock} (events are placed in time by
   * it), duration from {@link System#nanoTime()} (monotonic, unaffected by clock adjustments).
   */
  static RequestTiming start(String requestId, Clock clock) {
    Instant now = clock.instant();
    return new RequestTiming(
        requestId, System.nanoTime(), ChronoUnit.MICROS.between(Instant.EPOCH, now));
  }

  /** The timing of the request {@code ctx} belongs to. */
  public static RequestTiming of(Context ctx) {
    RequestTiming timing = ctx.attribute(ATTRIBUTE);
    if (timing == null) {
      throw new IllegalStateException("no RequestTiming: TimingCapture is not installed");
    }
    return timing;
  }

  public RequestTiming contentClass(ContentClass contentClass) {
    this.contentClass = contentClass;
    return this;
  }

  public RequestTiming cacheStatus(CacheStatus cacheStatus) {
    this.cacheStatus = cacheStatus;
    return this;
  }

  public String requestId() {
    return requestId;
  }

  public CacheStatus cacheStatus() {
    return cacheStatus;
  }

  /**
   * The request's database usage; {@code QueryMeter} adds to it while the request's handlers run.
   */
  public DbUsage db() {
    return db;
  }

  void route(String routeTemplate) {
    this.route = routeTemplate;
  }

  void errorType(@Nullable String errorType) {
    this.errorType = errorType;
  }

  /** Marks the response as produced now: its duration ends here (see the class notes). */
  void handled(long nowNanos) {
    this.handledNanos = nowNanos;
    this.handled = true;
  }

  /** The request's duration: until it was {@link #handled}, or until {@code endNanos} if never. */
  long durationNanos(long endNanos) {
    return Math.max(0, (handled ? handledNanos : endNanos) - startNanos);
  }

  /**
   * The method as published: clients can send any token as a method, and it is part of the event
   * key, so only the standard methods are kept; anything else is {@code OTHER}.
   */
  static String knownMethod(String method) {
    String upper = method.toUpperCase(Locale.ROOT);
    return STANDARD_METHODS.contains(upper) ? upper : OTHER_METHOD;
  }

  /**
   * The event for this request as it ended. A failed request without a recorded error type (nothing
   * threw, e.g. a 503 health report) gets {@code http-<status>}.
   */
  TimingEvent toEvent(NodeIdentity node, String method, int status, long bytes, long endNanos) {
    String error = status < 400 ? null : (errorType != null ? errorType : "http-" + status);
    return new TimingEvent(
        TimingEvent.SCHEMA_VERSION,
        UUID.randomUUID().toString(),
        requestId,
        startEpochMicros,
        node.service(),
        node.region(),
        node.instance(),
        knownMethod(method),
        route,
        status,
        durationNanos(endNanos) / 1_000,
        db.micros(),
        db.queries(),
        cacheStatus,
        contentClass,
        bytes,
        error);
  }
}
