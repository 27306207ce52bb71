package io.pitchey.aggregator;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Timing events for tests. {@link #timingEvent()} starts from an ordinary request: {@code GET
 * /api/pitches/{id}} on instance {@code i-1} of {@code serving-api} in region {@code local}, one
 * second after the epoch, a 200 in 1 ms with one query of 300 µs, a cache hit, 100 bytes of a
 * pitch, random event and request ids. A test sets only what it is about.
 */
public final class TimingEventBuilder {
  private String eventId = UUID.randomUUID().toString();
  private String requestId = UUID.randomUUID().toString();
  private long tsUs = 1_000_000;
  private String service = "serving-api";
  private String region = "local";
  private String instance = "i-1";
  private String method = "GET";
  private String route = "/api/pitches/{id}";
  private int status = 200;
  private long durationUs = 1_000;
  private long dbUs = 300;
  private int dbQueries = 1;
  private CacheStatus cache = CacheStatus.HIT;
  private ContentClass contentClass = ContentClass.PITCH;
  private long bytes = 100;
  private @Nullable String errorType;

  private TimingEventBuilder() {}

  /** An ordinary request, as above. */
  public static TimingEventBuilder timingEvent() {
    return new TimingEventBuilder();
  }

  /** A copy of {@code event}, to change some of it. */
  public static TimingEventBuilder from(TimingEvent event) {
    TimingEventBuilder b = new TimingEventBuilder();
    b.eventId = event.eventId();
    b.requestId = event.requestId();
    b.tsUs = event.tsUs();
    b.key(EventKey.of(event));
    b.status = event.status();
    b.durationUs = event.durationUs();
    b.dbUs = event.dbUs();
    b.dbQueries = event.dbQueries();
    b.cache = event.cache();
    b.contentClass = event.contentClass();
    b.bytes = event.bytes();
    b.errorType = event.errorType();
    return b;
  }

  public TimingEventBuilder eventId(String eventId) {
    this.eventId = eventId;
    return this;
  }

  public TimingEventBuilder requestId(String requestId) {
    this.requestId = requestId;
    return this;
  }

  /** The request's start, in microseconds since the epoch. */
  public TimingEventBuilder tsUs(long tsUs) {
    this.tsUs = tsUs;
    return this;
  }

  /** The request's start, to the microsecond. */
  public TimingEventBuilder at(Instant at) {
    return tsUs(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000);
  }

  /** Service, region, instance, method and route. */
  public TimingEventBuilder key(EventKey key) {
    service = key.service();
    region = key.region();
    instance = key.instance();
    method = key.method();
    route = key.route();
    return this;
  }

  public TimingEventBuilder service(String service) {
    this.service = service;
    return this;
  }

  public TimingEventBuilder instance(String instance) {
    this.instance = instance;
    return this;
  }

  public TimingEventBuilder status(int status) {
    this.status = status;
    return this;
  }

  /** The error type of a failed request (status 400 and up), or none. */
  public TimingEventBuilder errorType(@Nullable String errorType) {
    this.errorType = errorType;
    return this;
  }

  public TimingEventBuilder durationUs(long durationUs) {
    this.durationUs = durationUs;
    return this;
  }

  /** Time spent in the database and the queries it took. */
  public TimingEventBuilder db(long dbUs, int queries) {
    this.dbUs = dbUs;
    this.dbQueries = queries;
    return this;
  }

  public TimingEventBuilder cache(CacheStatus cache) {
    this.cache = cache;
    return this;
  }

  public TimingEventBuilder bytes(long bytes) {
    this.bytes = bytes;
    return this;
  }

  public TimingEvent build() {
    return new TimingEvent(
        TimingEvent.SCHEMA_VERSION,
        eventId,
        requestId,
        tsUs,
        service,
        region,
        instance,
        method,
        route,
        status,
        durationUs,
        dbUs,
        dbQueries,
        cache,
        contentClass,
        bytes,
        errorType);
  }
}
