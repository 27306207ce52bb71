package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Response bodies cached by key (INTERFACES §7, e.g. {@code pitch:42}), ready to send.
 *
 * <p>A lookup serves a fresh entry as {@code HIT}; a stale one as {@code STALE} while one
 * background refresh reloads it; and loads on the caller's thread when there is no entry or it has
 * expired: {@code MISS}, or {@code REVALIDATED} when an expired entry reloads unchanged (same
 * entity tag). Concurrent loads of one key share one load. When loading fails (the database is
 * down) an entry up to {@code cache.max-stale} past its retention is served as {@code STALE}
 * instead; without one the failure propagates. Freshness is judged against the injected clock.
 *
 * <p>Invalidations apply here and go out on the {@link InvalidationBus}; the other instances'
 * arrive from it. Missing resources are not cached, so a client cannot fill the cache with keys
 * that do not exist. Thread-safe.
 */
public final class ResponseCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

  /** A follower gives up waiting for a concurrent load after this and loads itself. */
  private static final Duration MAX_FLIGHT_WAIT = Duration.ofSeconds(30);

  private final TieredStore store;
  private final StaleRefresher refresher;
  private final SingleFlight<Optional<CachedBody>> flights = new SingleFlight<>(MAX_FLIGHT_WAIT);
  private final LookupCounters counters = new LookupCounters();
  private final InvalidationBus bus;
  private final Duration maxStale;
  private final Clock clock;

  private ResponseCache(TieredStore store, InvalidationBus bus, Duration maxStale, Clock clock) {
    this.store = store;
    this.refresher = new StaleRefresher();
    this.bus = bus;
    this.maxStale = maxStale;
    this.clock = clock;
  }

  /** Opens the tiers, local invalidation only; the disk tier starts empty. */
  public static ResponseCache open(CacheSettings settings, Clock clock) {
    return open(settings, clock, InvalidationBus.localOnly());
  }

  /**
   * Opens the tiers and starts applying the other instances' invalidations from {@code bus}, which
   * this cache then owns and closes.
   */
  public static ResponseCache open(CacheSettings settings, Clock clock, InvalidationBus bus) {
    ResponseCache cache =
        new ResponseCache(TieredStore.open(settings), bus, settings.maxStale(), clock);
    try {
      bus.subscribe(cache::applyRemote);
      return cache;
    } catch (RuntimeException e) {
      cache.close();
      throw e;
    }
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
    return counters.count(lookup(key, policy.withStaleIfError(maxStale), loader));
  }

  private CacheLookup lookup(String key, CachePolicy policy, Loader loader) {
    CachedBody cached = store.get(key);
    Instant now = clock.instant();
    if (cached != null) {
      switch (cached.freshness(now)) {
        case FRESH -> {
          return new CacheLookup(CacheStatus.HIT, cached, cached.age(now));
        }
        case STALE -> {
          refresher.refresh(key, () -> loadShared(key, policy, loader));
          return new CacheLookup(CacheStatus.STALE, cached, cached.age(now));
        }
        case EXPIRED -> {
          // past stale-while-revalidate: load below, as for a miss
        }
      }
    }
    return loadNow(key, policy, loader, cached, now);
  }

  private CacheLookup loadNow(
      String key, CachePolicy policy, Loader loader, @Nullable CachedBody previous, Instant now) {
    Optional<CachedBody> loaded;
    try {
      loaded = loadShared(key, policy, loader);
    } catch (RuntimeException e) {
      if (previous != null && previous.servableOnError(now)) {
        log.debug("serving {} stale: reloading it failed: {}", key, e.toString());
        return new CacheLookup(CacheStatus.STALE, previous, previous.age(now));
      }
      throw e;
    }
    boolean unchanged =
        previous != null && loaded.isPresent() && loaded.get().etag().equals(previous.etag());
    return new CacheLookup(
        unchanged ? CacheStatus.REVALIDATED : CacheStatus.MISS, loaded.orElse(null), Duration.ZERO);
  }

  private Optional<CachedBody> loadShared(String key, CachePolicy policy, Loader loader) {
    return flights.run(key, () -> load(key, policy, loader));
  }

  private Optional<CachedBody> load(String key, CachePolicy policy, Loader loader) {
    Optional<byte[]> body = loader.load();
    if (body.isEmpty()) {
      store.remove(key); // deleted since it was cached
      return Optional.empty();
    }
    CachedBody loaded = CachedBody.of(body.get(), clock.instant(), policy);
    store.put(key, loaded);
    return Optional.of(loaded);
  }

  /** Drops a key, e.g. when the resource changed, here and on the other instances. */
  public void invalidate(String key) {
    invalidatePattern(key);
  }

  /**
   * Drops every key matching a prefix glob such as {@code pitch:*} or {@code search:*}, here and on
   * the other instances; a pattern without {@code *} names one key. Costs time in the matching keys
   * only.
   *
   * @return how many entries were dropped here
   */
  public int invalidatePattern(String pattern) {
    int removed = applyLocally(pattern);
    bus.publish(pattern);
    return removed;
  }

  private void applyRemote(String pattern) {
    int removed = applyLocally(pattern);
    log.debug("invalidation {} from another instance dropped {} entries", pattern, removed);
  }

  private int applyLocally(String pattern) {
    if (pattern.endsWith("*")) {
      return store.removeByPrefix(pattern.substring(0, pattern.length() - 1));
    }
    boolean present = store.indexed(pattern);
    store.remove(pattern);
    return present ? 1 : 0;
  }

  public boolean isAvailable() {
    return store.isAvailable();
  }

  /** Why the cache runs without its disk tier, or empty when it has all three. */
  public Optional<String> degradedReason() {
    return store.degradedReason();
  }

  /** Background refreshes queued or running. */
  public int refreshesInFlight() {
    return refresher.inFlight();
  }

  /** Per-tier counters, lookups by status, and the degraded flag, for the admin endpoint. */
  public CacheStats stats() {
    return new CacheStats(
        store.tierStats(),
        counters.snapshot(),
        store.indexedKeys(),
        refresher.inFlight(),
        store.degradedReason().orElse(null));
  }

  /**
   * Stops hearing and telling invalidations, lets running refreshes finish (bounded), then closes
   * the tiers.
   */
  @Override
  public void close() {
    try {
      bus.close();
    } finally {
      try {
        refresher.close();
      } finally {
        store.close();
      }
    }
  }
}
