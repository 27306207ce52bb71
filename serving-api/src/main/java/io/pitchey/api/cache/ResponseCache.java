package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Response bodies cached by key (contracts §7, e.g. {@code pitch:42}), ready to send.
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
 *
 * <p>A load that was already running when its key was invalidated read the database before the
 * change, so it answers its own caller but does not store what it read: each load notes its key's
 * generation and the prefix epoch before it starts, and stores only if neither moved. The
 * invalidation also forgets the key's load in flight, so a request arriving after it starts a fresh
 * load instead of joining the old one.
 */
public final class ResponseCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

  /** A follower gives up waiting for a concurrent load after this and loads itself. */
  private static final Duration MAX_FLIGHT_WAIT = Duration.ofSeconds(30);

  /**
   * Generations are kept per stripe of keys, not per key, so they take fixed memory however many
   * keys pass through; keys sharing a stripe only cost each other an occasional unstored load.
   */
  private static final int GENERATION_STRIPES = 4096;

  private final TieredStore store;
  private final StaleRefresher refresher;
  private final AtomicLongArray generations = new AtomicLongArray(GENERATION_STRIPES);
  private final AtomicLong prefixEpoch = new AtomicLong();
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
    Version before = version(key);
    Optional<byte[]> body = loader.load();
    if (body.isEmpty()) {
      store.remove(key); // deleted since it was cached
      return Optional.empty();
    }
    CachedBody loaded = CachedBody.of(body.get(), clock.instant(), policy);
    storeUnlessInvalidated(key, loaded, before);
    return Optional.of(loaded);
  }

  /**
   * Stores a load unless its key was invalidated since the load began. An invalidation bumps the
   * version before it removes the entry, so whichever of the two comes second undoes a racing put:
   * either the check after the put sees the new version, or the removal follows the put.
   */
  private void storeUnlessInvalidated(String key, CachedBody loaded, Version before) {
    if (!before.equals(version(key))) {
      log.debug("not storing {}: invalidated while it loaded", key);
      return;
    }
    store.put(key, loaded);
    if (!before.equals(version(key))) {
      store.remove(key);
    }
  }

  /** Which invalidations a key has seen: its stripe's generation and the prefix epoch. */
  private record Version(long generation, long epoch) {}

  private Version version(String key) {
    return new Version(generations.get(stripe(key)), prefixEpoch.get());
  }

  private static int stripe(String key) {
    int hash = key.hashCode();
    return Math.floorMod(hash ^ (hash >>> 16), GENERATION_STRIPES);
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
      String prefix = pattern.substring(0, pattern.length() - 1);
      prefixEpoch.incrementAndGet();
      flights.forgetWhere(key -> key.startsWith(prefix));
      return store.removeByPrefix(prefix);
    }
    generations.incrementAndGet(stripe(pattern));
    flights.forget(pattern);
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
