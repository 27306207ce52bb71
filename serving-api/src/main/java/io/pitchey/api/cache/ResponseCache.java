package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Response bodies cached by key (INTERFACES §7, e.g. {@code pitch:42}) with stale-while-revalidate.
 *
 * <p>A lookup serves a fresh entry as {@code HIT}; a stale one as {@code STALE} while one
 * background refresh reloads it; and loads on the caller's thread, as {@code MISS}, when there is
 * no entry or it has expired. Freshness is judged against the injected clock. Concurrent misses of
 * one key each load it: coalescing them is left for when measurements show a stampede.
 *
 * <p>Missing resources are not cached, so a client cannot fill the cache with keys that do not
 * exist. Thread-safe.
 */
public final class ResponseCache implements AutoCloseable {
  private final TieredStore store;
  private final StaleRefresher refresher;
  private final Clock clock;

  private ResponseCache(TieredStore store, StaleRefresher refresher, Clock clock) {
    this.store = store;
    this.refresher = refresher;
    this.clock = clock;
  }

  /** Opens the tiers; the disk tier starts empty. */
  public static ResponseCache open(CacheSettings settings, Clock clock) {
    return new ResponseCache(TieredStore.open(settings), new StaleRefresher(), clock);
  }

  /**
   * Produces a resource's body, or nothing if the resource does not exist. Runs on the request's
   * thread for a miss and on a background thread for a refresh, so it must not touch the request.
   */
  @FunctionalInterface
  public interface Loader {
    Optional<byte[]> load();
  }

  public CacheLookup get(String key, CachePolicy policy, Loader loader) {
    CachedBody cached = store.get(key);
    if (cached != null) {
      Instant now = clock.instant();
      switch (cached.freshness(now)) {
        case FRESH -> {
          return new CacheLookup(CacheStatus.HIT, cached, cached.age(now));
        }
        case STALE -> {
          refresher.refresh(key, () -> load(key, policy, loader));
          return new CacheLookup(CacheStatus.STALE, cached, cached.age(now));
        }
        case EXPIRED -> {
          // past stale-while-revalidate: load below, as for a miss
        }
      }
    }
    return new CacheLookup(CacheStatus.MISS, load(key, policy, loader), Duration.ZERO);
  }

  /** Drops a key, e.g. when the resource changed. */
  public void invalidate(String key) {
    store.remove(key);
  }

  /**
   * Drops every key matching a prefix glob such as {@code pitch:*} or {@code search:*}; a pattern
   * without {@code *} names one key.
   *
   * @return how many entries were dropped
   */
  public int invalidatePattern(String pattern) {
    if (!pattern.endsWith("*")) {
      boolean present = store.get(pattern) != null;
      store.remove(pattern);
      return present ? 1 : 0;
    }
    return store.removeByPrefix(pattern.substring(0, pattern.length() - 1));
  }

  public boolean isAvailable() {
    return store.isAvailable();
  }

  /** Background refreshes queued or running. */
  public int refreshesInFlight() {
    return refresher.inFlight();
  }

  private @Nullable CachedBody load(String key, CachePolicy policy, Loader loader) {
    Optional<byte[]> body = loader.load();
    if (body.isEmpty()) {
      store.remove(key); // deleted since it was cached
      return null;
    }
    CachedBody loaded = CachedBody.of(body.get(), clock.instant(), policy);
    store.put(key, loaded);
    return loaded;
  }

  /** Lets running refreshes finish (bounded), then closes the tiers. */
  @Override
  public void close() {
    try {
      refresher.close();
    } finally {
      store.close();
    }
  }
}
