package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.support.MutableClock;
import io.pitchey.ingest.event.CacheStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  private static final String KEY = "pitch:1";

  @TempDir Path directory;
  private final MutableClock clock = MutableClock.atNow();
  private final AtomicReference<String> origin = new AtomicReference<>("v1");
  private final AtomicInteger loads = new AtomicInteger();
  private ResponseCache cache;

  @BeforeEach
  void open() {
    cache = ResponseCache.open(new CacheSettings(directory, 100, 1, 2), clock);
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void a_miss_loads_and_the_next_lookup_is_a_hit() {
    assertThat(lookup().status()).isEqualTo(CacheStatus.MISS);

    CacheLookup second = lookup();

    assertThat(second.status()).isEqualTo(CacheStatus.HIT);
    assertThat(text(second)).isEqualTo("v1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void a_stale_entry_is_served_while_exactly_one_background_refresh_runs()
      throws InterruptedException {
    lookup();
    origin.set("v2");
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ResponseCache.Loader slowLoader =
        () -> {
          refreshing.countDown();
          awaitQuietly(release);
          return load();
        };

    CacheLookup first = cache.get(KEY, CachePolicy.PITCH, slowLoader);
    assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
    CacheLookup second = cache.get(KEY, CachePolicy.PITCH, slowLoader);
    release.countDown();

    assertThat(first.status()).isEqualTo(CacheStatus.STALE);
    assertThat(second.status()).isEqualTo(CacheStatus.STALE);
    assertThat(text(second)).isEqualTo("v1");
    await().atMost(Duration.ofSeconds(5)).until(() -> lookup().status() == CacheStatus.HIT);
    assertThat(text(lookup())).isEqualTo("v2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void an_entry_past_stale_while_revalidate_is_reloaded_before_answering() {
    lookup();
    origin.set("v2");
    clock.advance(Duration.ofMinutes(16));

    CacheLookup reloaded = lookup();

    assertThat(reloaded.status()).isEqualTo(CacheStatus.MISS);
    assertThat(text(reloaded)).isEqualTo("v2");
  }

  @Test
  void a_missing_resource_is_not_cached() {
    origin.set(null);

    assertThat(lookup().found()).isEmpty();
    assertThat(lookup().status()).isEqualTo(CacheStatus.MISS);
    assertThat(loads).hasValue(2);
  }

  private CacheLookup lookup() {
    return cache.get(KEY, CachePolicy.PITCH, this::load);
  }

  private Optional<byte[]> load() {
    loads.incrementAndGet();
    return Optional.ofNullable(origin.get()).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(CacheLookup lookup) {
    return new String(lookup.found().orElseThrow().body(), StandardCharsets.UTF_8);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
