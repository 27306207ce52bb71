package io.pitchey.api.timing;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.router.Endpoint;
import io.pitchey.api.http.ApiHeaders;
import io.pitchey.api.http.ProblemMapper;
import io.pitchey.config.NodeIdentity;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.TimingPublisher;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * Measures every request and publishes one {@link TimingEvent} for each, in one place:
 *
 * <ul>
 *   <li>{@link TimingFilter}, around Javalin, times the request, meters its queries, sets the
 *       identity headers ({@code X-Request-ID}, {@code X-Edge-Location}, {@code X-Served-By}) and
 *       publishes after the response is written;
 *   <li>an after-handler, which Javalin runs for every request once handlers and exception mapping
 *       are done but before the body is written, records the route template, the error type and the
 *       moment the response was produced, and sets {@code X-Cache-Status} and {@code
 *       Server-Timing}.
 * </ul>
 *
 * The header and the event report the same times: both end when the response was produced (see
 * {@link RequestTiming}).
 */
public final class TimingCapture {
  private TimingCapture() {}

  public static void install(
      JavalinConfig javalin, NodeIdentity node, TimingPublisher publisher, Clock clock) {
    install(javalin, node, publisher, clock, false);
  }

  /**
   * @param requestLog also write each request's event as a JSON line on the logger {@value
   *     RequestLog#LOGGER_NAME}
   */
  public static void install(
      JavalinConfig javalin,
      NodeIdentity node,
      TimingPublisher publisher,
      Clock clock,
      boolean requestLog) {
    TimingFilter filter = new TimingFilter(node, publisher, clock, new RequestLog(requestLog));
    javalin.jetty.modifyServletContextHandler(
        context ->
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST)));
    javalin.routes.after(TimingCapture::beforeBodyIsWritten);
  }

  private static void beforeBodyIsWritten(Context ctx) {
    RequestTiming timing = RequestTiming.of(ctx);
    timing.route(routeTemplate(ctx));
    timing.errorType(ProblemMapper.errorType(ctx).orElse(null));
    timing.handled(System.nanoTime());
    ctx.header(ApiHeaders.CACHE_STATUS, timing.cacheStatus().name());
    ctx.header(Header.SERVER_TIMING, serverTiming(timing));
  }

  /**
   * The matched endpoint's path template; never the raw path, which would let clients mint keys.
   */
  private static String routeTemplate(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? TimingEvent.UNMATCHED_ROUTE : endpoint.path;
  }

  /**
   * E.g. {@code cache;desc=hit, db;dur=1.204, app;dur=2.207, total;dur=3.411}: how the cache took
   * part (lower case), time in the database, the rest of the handling ({@code app} = total minus
   * db), and the total, in milliseconds to the microsecond (W3C Server Timing).
   */
  static String serverTiming(CacheStatus cache, long dbNanos, long totalNanos) {
    // whole microseconds, truncated as the event's are, so the header's figures equal the event's
    long dbMicros = dbNanos / 1_000;
    long totalMicros = totalNanos / 1_000;
    long appMicros = Math.max(0, totalMicros - dbMicros);
    return String.format(
        Locale.ROOT,
        "cache;desc=%s, db;dur=%.3f, app;dur=%.3f, total;dur=%.3f",
        cache.name().toLowerCase(Locale.ROOT),
        dbMicros / 1e3,
        appMicros / 1e3,
        totalMicros / 1e3);
  }

  private static String serverTiming(RequestTiming timing) {
    return serverTiming(
        timing.cacheStatus(), timing.db().nanos(), timing.durationNanos(System.nanoTime()));
  }
}
