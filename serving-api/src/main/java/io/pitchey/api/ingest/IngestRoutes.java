package io.pitchey.api.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.TimingPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/ingest/timings}: timing events from other services and edge workers, one JSON
 * event per line ({@code application/x-ndjson}), published to the same topic as the API's own
 * through the same publisher (never blocking; spilled to disk while Kafka is away).
 *
 * <p>Order of checks: a bearer token (401), the media type (415), the size in bytes and in lines
 * (413, before anything is parsed or published), then every line on its own with the topic's
 * reader: exactly one JSON event per line (an array line is refused), with a {@code ts_us} no more
 * than {@link IngestLimits#maxFutureSkew} ahead of and no more than {@link IngestLimits#maxAge}
 * behind the server clock. The reply:
 *
 * <ul>
 *   <li>200 and an {@link IngestReport} when every line was accepted;
 *   <li>207 and an {@link IngestReport} listing the refused lines (number and reason) when some
 *       were accepted: those were published, the refused ones were not;
 *   <li>422 problem, with the same members as extensions, when no line was accepted;
 *   <li>400 problem for a body without any line.
 * </ul>
 */
public final class IngestRoutes implements Routes {
  public static final String PATH = "/api/ingest/timings";
  public static final String NDJSON = "application/x-ndjson";
  private static final Set<String> MEDIA_TYPES = Set.of(NDJSON, "application/jsonl");
  private static final int MULTI_STATUS = 207;

  private final BearerAuthenticator authenticator;
  private final TimingPublisher publisher;
  private final IngestLimits limits;
  private final Clock clock;

  /**
   * @param clock the server clock the accepted event time window is measured from
   */
  public IngestRoutes(
      BearerAuthenticator authenticator,
      TimingPublisher publisher,
      IngestLimits limits,
      Clock clock) {
    this.authenticator = authenticator;
    this.publisher = publisher;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(PATH, this::ingest);
  }

  private void ingest(Context ctx) throws IOException {
    RequestTiming.of(ctx).contentClass(ContentClass.OTHER).cacheStatus(CacheStatus.BYPASS);
    authenticator.requireUser(ctx);
    requireNdjson(ctx.header(Header.CONTENT_TYPE));
    byte[] body = readBounded(ctx);
    int lines = NdjsonBatch.countLines(body);
    if (lines > limits.maxLines()) {
      throw new ApiException(
          ProblemType.PAYLOAD_TOO_LARGE,
          "The batch has "
              + lines
              + " lines; at most "
              + limits.maxLines()
              + " are accepted per request. Split it.");
    }
    if (lines == 0) {
      throw ApiException.invalid("The body holds no events: send one JSON timing event per line.");
    }
    Instant now = clock.instant();
    long nowUs =
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
    NdjsonBatch batch = NdjsonBatch.parse(body, nowUs, limits);
    IngestReport report = batch.report();
    if (batch.accepted().isEmpty() && report.rejectedLines() > 0) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE,
          "None of the " + lines + " lines is a valid timing event; see 'rejected'.",
          Map.of(
              "accepted_events", 0,
              "rejected_lines", report.rejectedLines(),
              "rejected", report.rejected()));
    }
    for (TimingEvent event : batch.accepted()) {
      publisher.publish(event);
    }
    ctx.header(Header.CACHE_CONTROL, "no-store")
        .status(report.rejectedLines() == 0 ? 200 : MULTI_STATUS)
        .json(report);
  }

  private static void requireNdjson(@Nullable String contentType) {
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw new ApiException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Send the events as 'Content-Type: "
              + NDJSON
              + "', one JSON timing event per line; was '"
              + (contentType == null ? "" : contentType)
              + "'.");
    }
  }

  /** The body, refused as soon as it is known to exceed the limit (declared or actual length). */
  private byte[] readBounded(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxBytes()) {
      throw tooLarge(declared + " bytes");
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(limits.maxBytes() + 1);
      if (body.length > limits.maxBytes()) {
        throw tooLarge("more than " + limits.maxBytes() + " bytes");
      }
      return body;
    }
  }

  private ApiException tooLarge(String size) {
    return new ApiException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "The body has "
            + size
            + "; at most "
            + limits.maxBytes()
            + " bytes are accepted per request. Split the batch.");
  }
}
