package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aayushatharva.brotli4j.decoder.Decoder;
import io.pitchey.api.http.ContentCoding;
import io.pitchey.api.support.MutableClock;
import io.pitchey.ingest.event.CacheStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  private static final String KEY = "pitch:1";
  private static final String CALLER = "single-flight-caller-";

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

  @Test
  void concurrent_misses_of_one_key_share_one_load() throws Exception {
    int requests = 16;
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ResponseCache.Loader blockingLoader =
        () -> {
          loading.countDown();
          awaitQuietly(release);
          return load();
        };
    ExecutorService callers =
        Executors.newFixedThreadPool(requests, Thread.ofPlatform().name(CALLER, 0).factory());
    try {
      List<Future<CacheLookup>> lookups = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        lookups.add(callers.submit(() -> cache.get(KEY, CachePolicy.PITCH, blockingLoader)));
      }
      assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
      // let every caller pile up behind the one load (blocked on it) before it finishes
      await().atMost(Duration.ofSeconds(5)).until(() -> blockedCallers() == requests);
      release.countDown();

      for (Future<CacheLookup> lookup : lookups) {
        CacheLookup result = lookup.get(5, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(CacheStatus.MISS);
        assertThat(text(result)).isEqualTo("v1");
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void an_expired_entry_that_reloads_unchanged_is_revalidated() {
    lookup();
    clock.advance(Duration.ofMinutes(16));

    CacheLookup reloaded = lookup();

    assertThat(reloaded.status()).isEqualTo(CacheStatus.REVALIDATED);
    assertThat(reloaded.age()).isZero();
    assertThat(loads).hasValue(2);
  }

  @Test
  void an_expired_entry_is_served_stale_when_the_database_is_down() {
    lookup();
    clock.advance(Duration.ofMinutes(16).plus(Duration.ofMinutes(30)));

    CacheLookup fallback = cache.get(KEY, CachePolicy.PITCH, ResponseCacheTest::databaseDown);

    assertThat(fallback.status()).isEqualTo(CacheStatus.STALE);
    assertThat(text(fallback)).isEqualTo("v1");
    assertThat(fallback.age().toMinutes()).isEqualTo(46);
  }

  @Test
  void an_entry_past_max_stale_is_not_served_when_the_database_is_down() {
    lookup();
    clock.advance(Duration.ofMinutes(16).plus(CacheSettings.DEFAULT_MAX_STALE));

    assertThatThrownBy(() -> cache.get(KEY, CachePolicy.PITCH, ResponseCacheTest::databaseDown))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
  }

  @Test
  void a_failing_load_without_an_entry_propagates() {
    assertThatThrownBy(() -> cache.get(KEY, CachePolicy.PITCH, ResponseCacheTest::databaseDown))
        .hasMessage("database down");
  }

  @Test
  void a_prefix_invalidation_drops_only_the_matching_keys() {
    for (String key : List.of("pitch:1", "pitch:12", "pitch:2", "pitches:list:page=1", "user:1")) {
      cache.get(key, CachePolicy.PITCH, this::load);
    }

    int removed = cache.invalidatePattern("pitch:1*");

    assertThat(removed).isEqualTo(2);
    assertThat(statusOf("pitch:1")).isEqualTo(CacheStatus.MISS);
    assertThat(statusOf("pitch:12")).isEqualTo(CacheStatus.MISS);
    assertThat(statusOf("pitch:2")).isEqualTo(CacheStatus.HIT);
    assertThat(statusOf("pitches:list:page=1")).isEqualTo(CacheStatus.HIT);
    assertThat(statusOf("user:1")).isEqualTo(CacheStatus.HIT);
  }

  @Test
  void a_class_invalidation_does_not_touch_a_class_whose_name_extends_it() {
    cache.get("pitch:7", CachePolicy.PITCH, this::load);
    cache.get("pitches:list:page=1", CachePolicy.PITCH, this::load);

    assertThat(cache.invalidatePattern("pitch:*")).isEqualTo(1);
    assertThat(cache.invalidatePattern("pitch:*")).isZero();
    assertThat(statusOf("pitches:list:page=1")).isEqualTo(CacheStatus.HIT);
  }

  @Test
  void a_single_key_invalidation_reports_whether_it_was_cached() {
    lookup();

    assertThat(cache.invalidatePattern(KEY)).isEqualTo(1);
    assertThat(cache.invalidatePattern(KEY)).isZero();
    assertThat(lookup().status()).isEqualTo(CacheStatus.MISS);
  }

  @Test
  void a_large_body_is_stored_with_smaller_brotli_and_gzip_variants() throws IOException {
    origin.set("{\"items\":[" + "{\"title\":\"The Quiet Harbor\"},".repeat(40) + "{}]}");

    CachedBody body = lookup().found().orElseThrow();
    CachedBody hit = lookup().found().orElseThrow();

    assertThat(body.codings())
        .containsExactlyInAnyOrder(
            ContentCoding.BROTLI, ContentCoding.GZIP, ContentCoding.IDENTITY);
    assertThat(body.encoded(ContentCoding.BROTLI).length).isLessThan(body.body().length);
    assertThat(body.encoded(ContentCoding.GZIP).length).isLessThan(body.body().length);
    assertThat(gunzip(hit.encoded(ContentCoding.GZIP))).isEqualTo(body.body());
    assertThat(Decoder.decompress(hit.encoded(ContentCoding.BROTLI)).getDecompressedData())
        .isEqualTo(body.body());
  }

  @Test
  void a_tiny_body_is_stored_uncompressed() {
    CachedBody body = lookup().found().orElseThrow();

    assertThat(body.codings()).containsExactly(ContentCoding.IDENTITY);
    assertThat(body.contentType()).isEqualTo("application/json");
  }

  @Test
  void a_second_cache_on_a_locked_directory_starts_without_its_disk_tier() {
    try (ResponseCache second =
        ResponseCache.open(new CacheSettings(directory, 100, 1, 2), clock)) {
      assertThat(second.degradedReason())
          .hasValueSatisfying(reason -> assertThat(reason).contains(directory.toString()));
      assertThat(second.get(KEY, CachePolicy.PITCH, this::load).status())
          .isEqualTo(CacheStatus.MISS);
      assertThat(second.get(KEY, CachePolicy.PITCH, this::load).status())
          .isEqualTo(CacheStatus.HIT);
      assertThat(second.stats().tiers()).containsOnlyKeys("OnHeap", "OffHeap");
    }
    assertThat(cache.degradedReason()).isEmpty();
  }

  @Test
  void keys_evicted_for_space_leave_the_invalidation_index() {
    int entries = 300;
    Random random = new Random(42);
    for (int i = 0; i < entries; i++) {
      byte[] incompressible = new byte[16 * 1024];
      random.nextBytes(incompressible);
      cache.get("big:" + i, CachePolicy.PITCH, () -> Optional.of(incompressible));
    }

    // 300 × 16 KiB does not fit the 2 MB disk tier: Ehcache evicts, and reports it asynchronously
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cache.stats().keys() == cache.stats().tiers().get("Disk").mappings());
    int indexed = cache.stats().keys();
    assertThat(indexed).isLessThan(entries).isPositive();

    assertThat(cache.invalidatePattern("big:*")).isEqualTo(indexed);
    assertThat(cache.stats().tiers().get("Disk").mappings()).isZero();
    assertThat(cache.stats().keys()).isZero();
  }

  @Test
  void stats_count_lookups_by_status_and_report_every_tier() {
    lookup();
    lookup();
    lookup();

    CacheStats stats = cache.stats();

    assertThat(stats.lookups())
        .containsEntry(CacheStatus.MISS, 1L)
        .containsEntry(CacheStatus.HIT, 2L)
        .containsEntry(CacheStatus.STALE, 0L);
    assertThat(stats.tiers()).containsOnlyKeys("OnHeap", "OffHeap", "Disk");
    assertThat(stats.tiers().get("Disk").mappings()).isEqualTo(1);
    assertThat(stats.keys()).isEqualTo(1);
    assertThat(stats.degradedReason()).isNull();
  }

  private CacheStatus statusOf(String key) {
    return cache.get(key, CachePolicy.PITCH, this::load).status();
  }

  private static Optional<byte[]> databaseDown() {
    throw new IllegalStateException("database down");
  }

  private static long blockedCallers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(CALLER))
        .filter(
            thread ->
                thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING)
        .count();
  }

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  private CacheLookup lookup() {
    return cache.get(KEY, CachePolicy.PITCH, this::load);
  }

  @Test
  void a_load_running_when_its_key_is_invalidated_answers_its_caller_but_is_not_stored()
      throws Exception {
    assertLoadIsNotStoredAcross(() -> cache.invalidatePattern(KEY));
  }

  @Test
  void a_load_running_when_a_matching_prefix_is_invalidated_is_not_stored() throws Exception {
    assertLoadIsNotStoredAcross(() -> cache.invalidatePattern("pitch:*"));
  }

  @Test
  void a_request_after_an_invalidation_does_not_join_the_load_that_began_before_it()
      throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<CacheLookup> early = executor.submit(() -> blockedLookup(loading, release));
      assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
      origin.set("v2");
      cache.invalidatePattern(KEY);

      CacheLookup late = lookup(); // would wait for the blocked load if it joined it

      release.countDown();
      assertThat(text(late)).isEqualTo("v2");
      assertThat(text(early.get(5, TimeUnit.SECONDS))).isEqualTo("v1");
      CacheLookup after = lookup();
      assertThat(after.status()).isEqualTo(CacheStatus.HIT);
      assertThat(text(after)).isEqualTo("v2");
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  @Test
  void a_background_refresh_running_when_its_key_is_invalidated_is_not_stored() throws Exception {
    lookup();
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> readBeforeTheWrite = new AtomicReference<>("v1-refreshed");
    cache.get(
        KEY,
        CachePolicy.PITCH,
        () -> {
          String read = readBeforeTheWrite.get();
          refreshing.countDown();
          awaitQuietly(release);
          return Optional.of(read.getBytes(StandardCharsets.UTF_8));
        });
    assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
    origin.set("v2");
    cache.invalidatePattern(KEY);
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.refreshesInFlight() == 0);

    CacheLookup after = lookup();

    assertThat(after.status()).isEqualTo(CacheStatus.MISS);
    assertThat(text(after)).isEqualTo("v2");
  }

  /** A load reads v1, {@code invalidate} runs as v2 is committed, then the load finishes. */
  private void assertLoadIsNotStoredAcross(Runnable invalidate) throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<CacheLookup> early = executor.submit(() -> blockedLookup(loading, release));
      assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
      origin.set("v2");
      invalidate.run();
      release.countDown();

      assertThat(text(early.get(5, TimeUnit.SECONDS))).isEqualTo("v1");
      CacheLookup after = lookup();
      assertThat(after.status()).isEqualTo(CacheStatus.MISS);
      assertThat(text(after)).isEqualTo("v2");
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  /** Reads the origin, signals {@code loading}, and returns what it read once released. */
  private CacheLookup blockedLookup(CountDownLatch loading, CountDownLatch release) {
    return cache.get(
        KEY,
        CachePolicy.PITCH,
        () -> {
          Optional<byte[]> read = load();
          loading.countDown();
          awaitQuietly(release);
          return read;
        });
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
