package io.pitchey.benchmarks;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.util.SplittableRandom;
import java.util.UUID;

/** Realistic timing events: 12 routes, 2 instances, UUID ids; ~350-400 bytes of JSON each. */
final class Events {
  private static final String[][] ROUTES = {
    {"GET", "/api/pitches/{id}"},
    {"GET", "/api/pitches"},
    {"GET", "/api/search"},
    {"GET", "/api/me"},
    {"GET", "/api/health"},
    {"GET", "/api/users/{id}"},
    {"GET", "/api/pitches/{id}/comments"},
    {"POST", "/api/pitches"},
    {"POST", "/api/pitches/{id}/comments"},
    {"PUT", "/api/pitches/{id}"},
    {"DELETE", "/api/pitches/{id}"},
    {"GET", "/static/{file}"},
  };

  private Events() {}

  /** {@code n} distinct events, deterministic apart from their UUIDs. */
  static TimingEvent[] make(int n) {
    SplittableRandom random = new SplittableRandom(42);
    TimingEvent[] events = new TimingEvent[n];
    long now = System.currentTimeMillis() * 1000;
    for (int i = 0; i < n; i++) {
      String[] route = ROUTES[random.nextInt(ROUTES.length)];
      boolean error = random.nextInt(100) == 0;
      events[i] =
          new TimingEvent(
              1,
              UUID.randomUUID().toString(),
              UUID.randomUUID().toString(),
              now + i,
              "serving-api",
              "eu-west-1",
              "api-" + (i % 2) + ".eu-west-1.pitchey.internal",
              route[0],
              route[1],
              error ? 500 : 200,
              200 + random.nextInt(200_000),
              random.nextInt(20_000),
              random.nextInt(6),
              CacheStatus.values()[random.nextInt(CacheStatus.values().length)],
              ContentClass.values()[random.nextInt(ContentClass.values().length)],
              random.nextInt(1, 200_000),
              error ? "db-timeout" : null);
    }
    return events;
  }

  static double averageJsonBytes(TimingEvent[] events) {
    long total = 0;
    for (TimingEvent event : events) {
      total += TimingEventJson.write(event).length;
    }
    return (double) total / events.length;
  }
}
