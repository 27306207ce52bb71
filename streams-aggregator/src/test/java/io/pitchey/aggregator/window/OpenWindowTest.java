package io.pitchey.aggregator.window;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting rules of contracts §3, as an open window applies them event by event. */
class OpenWindowTest {
  @Test
  void every_status_class_and_cache_status_lands_in_its_own_counter() {
    List<TimingEvent> events = new ArrayList<>();
    int[] statuses = {200, 204, 304, 404, 429, 500, 503, 503};
    CacheStatus[] caches = CacheStatus.values(); // HIT, STALE, REVALIDATED, MISS, BYPASS
    for (int i = 0; i < statuses.length; i++) {
      events.add(event(statuses[i], caches[i % caches.length], 1_000, i % 2));
    }

    WindowCounters c = OpenWindow.empty().add(events).snapshot().counters();

    assertThat(c.requests()).isEqualTo(8);
    assertThat(List.of(c.status2xx(), c.status3xx(), c.status4xx(), c.status5xx()))
        .containsExactly(2L, 1L, 2L, 3L);
    assertThat(
            List.of(
                c.cacheHit(), c.cacheStale(), c.cacheRevalidated(), c.cacheMiss(), c.cacheBypass()))
        .containsExactly(2L, 2L, 2L, 1L, 1L);
    assertThat(c.dbRequests()).isEqualTo(4);
    assertThat(c.dbQueries()).isEqualTo(4);
  }

  @Test
  void db_time_is_sketched_over_the_requests_that_ran_a_query_only() {
    RouteWindow window =
        OpenWindow.empty()
            .add(
                List.of(
                    event(200, CacheStatus.HIT, 300, 0),
                    event(200, CacheStatus.MISS, 9_000, 2),
                    event(200, CacheStatus.MISS, 12_000, 1)))
            .snapshot();

    assertThat(window.latency().count()).isEqualTo(3);
    assertThat(window.dbTime().count()).isEqualTo(2);
    assertThat(window.dbTime().min()).isEqualTo(4_500);
  }

  @Test
  void adding_in_several_batches_equals_adding_at_once() {
    List<TimingEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(event(i % 7 == 0 ? 503 : 200, CacheStatus.values()[i % 5], 100L * i, i % 3));
    }

    OpenWindow inParts = OpenWindow.empty();
    for (int from = 0; from < events.size(); from += 30) {
      inParts.add(events.subList(from, Math.min(events.size(), from + 30)));
    }

    assertThat(inParts.snapshot()).isEqualTo(OpenWindow.empty().add(events).snapshot());
    assertThat(RouteWindow.empty().plus(events)).isEqualTo(inParts.snapshot());
  }

  private static TimingEvent event(int status, CacheStatus cache, long durationUs, int queries) {
    return timingEvent()
        .eventId("e-" + durationUs + "-" + status)
        .requestId("r-" + durationUs + "-" + status + "-" + cache)
        .status(status)
        .errorType(status >= 400 ? "test" : null)
        .durationUs(durationUs)
        .db(queries == 0 ? 0 : durationUs / 2, queries)
        .cache(cache)
        .build();
  }
}
