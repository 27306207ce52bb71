package io.pitchey.cli;

import io.pitchey.ingest.backfill.BatchSink;
import io.pitchey.ingest.backfill.KeyBatcher;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic but realistic history for the demo, published through the backfill path: a daily shape
 * (quiet nights, an afternoon peak), a weekly one (weekends at 60 %), one slow route ({@code GET
 * /api/search}), and a bad hour three days ago at 14:00 UTC in which pitch reads time out on the
 * database (errors and slow responses). Fixed seed: the same history every run, relative to its
 * end.
 */
final class DemoHistory {
  static final long SEED = 20_261_125L;
  static final Duration SPAN = Duration.ofDays(14);

  private record Route(
      String method,
      String route,
      double weight,
      ContentClass content,
      double cacheable,
      double hitRate,
      double medianMs,
      double sigma,
      long bytes) {}

  // The cost of history is its rows (one per key and minute with traffic), not its events: the
  // demo's own three routes plus one slow route keep 14 days at ~40k rows.
  private static final List<Route> ROUTES =
      List.of(
          new Route("GET", "/api/pitches/{id}", 0.78, ContentClass.PITCH, 1.0, 0.88, 4, 0.8, 2_400),
          new Route("GET", "/api/me", 0.10, ContentClass.USER, 0.0, 0, 7, 0.5, 600),
          new Route("GET", "/api/health", 0.07, ContentClass.OTHER, 0.0, 0, 1.2, 0.4, 40),
          new Route("GET", "/api/search", 0.05, ContentClass.SEARCH, 0.0, 0, 170, 0.7, 12_000));

  private final Instant end;
  private final long events;
  private final Instant badHourStart;

  /**
   * @param end the history ends here (exclusive), on a minute boundary
   * @param events about how many events to generate over the whole span
   */
  DemoHistory(Instant end, long events) {
    this.end = end.truncatedTo(ChronoUnit.MINUTES);
    this.events = events;
    this.badHourStart =
        this.end
            .minus(Duration.ofDays(3))
            .atZone(ZoneOffset.UTC)
            .withHour(14)
            .toInstant()
            .truncatedTo(ChronoUnit.HOURS);
  }

  Instant start() {
    return end.minus(SPAN);
  }

  Instant end() {
    return end;
  }

  Instant badHourStart() {
    return badHourStart;
  }

  /** Traffic weight of a minute: daily and weekly shape, 1.0 on average-ish. */
  static double shape(Instant minute) {
    ZonedDateTime t = minute.atZone(ZoneOffset.UTC);
    double hour = t.getHour() + t.getMinute() / 60.0;
    // Lowest around 04:00, highest around 15:00 UTC.
    double daily = 0.55 - 0.45 * Math.cos(2 * Math.PI * (hour - 3.5) / 24.0);
    boolean weekend =
        t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
    return (0.1 + daily) * (weekend ? 0.6 : 1.0);
  }

  /**
   * Generates the history in time order into the sink, grouped per key into batch records, and
   * waits until the broker confirmed it.
   *
   * @return the number of events
   */
  long publish(BatchSink sink) throws InterruptedException {
    SplittableRandom random = new SplittableRandom(SEED);
    long minutes = SPAN.toMinutes();
    double totalShape = 0;
    for (long m = 0; m < minutes; m++) {
      totalShape += shape(start().plusSeconds(m * 60));
    }
    double perShape = events / totalShape;
    KeyBatcher batcher = new KeyBatcher(sink, 500);
    long count = 0;
    for (long m = 0; m < minutes; m++) {
      Instant minute = start().plusSeconds(m * 60);
      double expected = perShape * shape(minute);
      long n = (long) expected + (random.nextDouble() < expected - (long) expected ? 1 : 0);
      boolean bad =
          !minute.isBefore(badHourStart) && minute.isBefore(badHourStart.plusSeconds(3600));
      for (long i = 0; i < n; i++) {
        batcher.add(event(random, minute, bad));
      }
      count += n;
      if (m % 360 == 359) {
        // Every six hours of history: send and let the producer confirm in the background.
        batcher.sendPending();
      }
    }
    batcher.sendPending();
    sink.flush();
    return count;
  }

  private static TimingEvent event(SplittableRandom random, Instant minute, boolean bad) {
    Route route = pick(random);
    long tsUs = minute.getEpochSecond() * 1_000_000 + random.nextLong(60_000_000);
    boolean cacheable = random.nextDouble() < route.cacheable();
    boolean hit =
        cacheable && random.nextDouble() < (bad ? route.hitRate() * 0.5 : route.hitRate());
    CacheStatus cache = !cacheable ? CacheStatus.BYPASS : hit ? CacheStatus.HIT : CacheStatus.MISS;
    double median = hit ? route.medianMs() * 0.3 : route.medianMs() * (cacheable ? 3 : 1);
    boolean slowDb = bad && route.content() == ContentClass.PITCH;
    if (slowDb) {
      median *= 6;
    }
    double ms = median * Math.exp(route.sigma() * gaussian(random));
    long durationUs = Math.max(50, (long) (ms * 1000));
    int queries = hit || route.route().equals("/api/health") ? 0 : 1 + random.nextInt(3);
    long dbUs = queries == 0 ? 0 : (long) (durationUs * (0.4 + 0.4 * random.nextDouble()));
    int status = 200;
    String errorType = null;
    double r = random.nextDouble();
    if (slowDb && r < 0.07) {
      status = 503;
      errorType = "db-timeout";
      durationUs = 2_000_000 + random.nextLong(500_000);
      dbUs = durationUs - 1_000;
    } else if (r < 0.0015) {
      status = 500;
      errorType = "internal";
    } else if (route.route().equals("/api/pitches/{id}") && r < 0.02) {
      status = 404;
      errorType = "not-found";
    } else if (route.route().equals("/api/me") && r < 0.03) {
      status = 401;
      errorType = "unauthorized";
    }
    UUID id = new UUID(random.nextLong(), random.nextLong());
    return new TimingEvent(
        TimingEvent.SCHEMA_VERSION,
        id.toString(),
        id.toString(),
        tsUs,
        "serving-api",
        "local",
        "history-1",
        route.method(),
        route.route(),
        status,
        durationUs,
        dbUs,
        queries,
        cache,
        route.content(),
        status >= 400 ? 120 : (long) (route.bytes() * (0.5 + random.nextDouble())),
        errorType);
  }

  private static Route pick(SplittableRandom random) {
    double x = random.nextDouble();
    for (Route r : ROUTES) {
      x -= r.weight();
      if (x < 0) {
        return r;
      }
    }
    return ROUTES.get(0);
  }

  /** A standard normal variate (Box–Muller). */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
