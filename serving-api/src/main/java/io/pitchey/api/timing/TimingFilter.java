package io.pitchey.api.timing;

import io.pitchey.api.db.QueryMeter;
import io.pitchey.api.http.ApiHeaders;
import io.pitchey.api.http.RequestIds;
import io.pitchey.config.NodeIdentity;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.TimingPublisher;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every request, matched or not, in its {@link RequestTiming} and publishes its event once
 * the response has been written and closed, so duration and bytes are final and publishing cannot
 * delay the response.
 *
 * <p>It runs outside Javalin, as a servlet filter, because Javalin's own hooks all run before the
 * body is compressed and flushed. Requests are handled synchronously; a feature that goes
 * asynchronous must publish from an {@code AsyncListener} instead.
 *
 * <p>The same event is written to the {@link RequestLog} when that is on.
 *
 * <p>Publishing never fails a request: a publisher that throws, despite its contract, is logged and
 * counted.
 */
final class TimingFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(TimingFilter.class);

  private final NodeIdentity node;
  private final TimingPublisher publisher;
  private final Clock clock;
  private final RequestLog requestLog;
  private final LongAdder unpublished = new LongAdder();

  TimingFilter(NodeIdentity node, TimingPublisher publisher, Clock clock, RequestLog requestLog) {
    this.node = node;
    this.publisher = publisher;
    this.clock = clock;
    this.requestLog = requestLog;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    RequestTiming timing =
        RequestTiming.start(
            RequestIds.acceptOrCreate(request.getHeader(ApiHeaders.REQUEST_ID)), clock);
    request.setAttribute(RequestTiming.ATTRIBUTE, timing);
    identify(response, timing);
    ByteCountingResponse counted = new ByteCountingResponse(response);
    boolean completed = false;
    QueryMeter.Scope metering = QueryMeter.attributeTo(timing.db());
    try {
      chain.doFilter(request, counted);
      completed = true;
    } finally {
      metering.close();
      // an exception escaping Javalin becomes the container's 500
      int status = completed ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
      publish(timing, request.getMethod(), status, counted.bytesWritten());
    }
  }

  /** Headers set before any handler runs, so every response carries them, errors included. */
  private void identify(HttpServletResponse response, RequestTiming timing) {
    response.setHeader(ApiHeaders.REQUEST_ID, timing.requestId());
    response.setHeader(ApiHeaders.EDGE_LOCATION, node.region());
    response.setHeader(ApiHeaders.SERVED_BY, node.instance());
  }

  private void publish(RequestTiming timing, String method, int status, long bytes) {
    try {
      TimingEvent event = timing.toEvent(node, method, status, bytes, System.nanoTime());
      requestLog.write(event);
      publisher.publish(event);
    } catch (RuntimeException e) {
      unpublished.increment();
      if (unpublished.sum() % 1_000 == 1) {
        log.warn(
            "timing event of request {} not published ({} so far)",
            timing.requestId(),
            unpublished.sum(),
            e);
      }
    }
  }
}
