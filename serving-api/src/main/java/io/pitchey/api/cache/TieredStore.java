package io.pitchey.api.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.CachePersistenceException;
import org.ehcache.PersistentCacheManager;
import org.ehcache.Status;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheEventListenerConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.core.spi.service.StatisticsService;
import org.ehcache.core.statistics.TierStatistics;
import org.ehcache.event.CacheEvent;
import org.ehcache.event.CacheEventListener;
import org.ehcache.event.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached bodies in three Ehcache tiers: heap (fastest, counted in entries), off-heap (direct memory
 * the garbage collector never scans) and disk. Ehcache keeps the hottest entries in the highest
 * tier and every entry in the disk tier, so the disk tier bounds the cache's capacity.
 *
 * <p>The disk tier is not persistent: it is created empty and destroyed on {@link #close()} (see
 * {@link CacheSettings}). When it cannot be opened (the directory is locked by another process,
 * unwritable, or the disk is full) the store opens heap and off-heap only, logs one warning, and
 * reports itself {@link #degradedReason() degraded}: a smaller cache beats no API.
 *
 * <p>A {@link KeyIndex} of the cached keys, kept current on every write and on Ehcache's eviction
 * and expiry events, lets a prefix be removed without walking the cache. Thread-safe.
 */
final class TieredStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TieredStore.class);
  private static final String CACHE = "responses";

  private final CacheManager manager;
  private final Cache<String, CachedBody> cache;
  private final StatisticsService statistics;
  private final KeyIndex index;
  private final @Nullable String degradedReason;

  private TieredStore(
      CacheManager manager,
      StatisticsService statistics,
      KeyIndex index,
      @Nullable String degradedReason) {
    this.manager = manager;
    this.cache = manager.getCache(CACHE, String.class, CachedBody.class);
    this.statistics = statistics;
    this.index = index;
    this.degradedReason = degradedReason;
  }

  static TieredStore open(CacheSettings settings) {
    KeyIndex index = new KeyIndex();
    try {
      return open(settings, index, true, null);
    } catch (RuntimeException e) {
      String reason = "disk tier unavailable in " + settings.directory() + ": " + rootMessage(e);
      log.warn("{}; caching on heap and off-heap only", reason);
      return open(settings, index, false, reason);
    }
  }

  private static TieredStore open(
      CacheSettings settings, KeyIndex index, boolean disk, @Nullable String degradedReason) {
    ResourcePoolsBuilder tiers =
        ResourcePoolsBuilder.newResourcePoolsBuilder()
            .heap(settings.heapEntries(), EntryUnit.ENTRIES)
            .offheap(settings.offHeapMb(), MemoryUnit.MB);
    if (disk) {
      createDirectory(settings);
      tiers = tiers.disk(settings.diskMb(), MemoryUnit.MB, false);
    }
    // the listener needs the cache, which needs the listener: it reaches it through this holder
    Cache<String, CachedBody>[] built = newHolder();
    CacheEventListener<String, CachedBody> onGone = event -> reportGone(index, built[0], event);
    StatisticsService statistics = new DefaultStatisticsService();
    CacheManagerBuilder<CacheManager> builder =
        CacheManagerBuilder.newCacheManagerBuilder()
            .using(statistics)
            .withCache(
                CACHE,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        String.class, CachedBody.class, tiers)
                    .withExpiry(new RetentionExpiry())
                    .withValueSerializer(new CachedBodySerializer())
                    .withService(
                        CacheEventListenerConfigurationBuilder.newEventListenerConfiguration(
                                onGone, EventType.EVICTED, EventType.EXPIRED)
                            .unordered()
                            .asynchronous()));
    CacheManager manager =
        disk
            ? builder
                .with(CacheManagerBuilder.persistence(settings.directory().toFile()))
                .build(true)
            : builder.build(true);
    built[0] = manager.getCache(CACHE, String.class, CachedBody.class);
    return new TieredStore(manager, statistics, index, degradedReason);
  }

  @SuppressWarnings("unchecked")
  private static Cache<String, CachedBody>[] newHolder() {
    return (Cache<String, CachedBody>[]) new Cache<?, ?>[1];
  }

  /** Runs on Ehcache's event thread, never under a caller's lock stripe. */
  private static void reportGone(
      KeyIndex index,
      @Nullable Cache<String, CachedBody> cache,
      CacheEvent<? extends String, ?> e) {
    if (cache != null) {
      index.reportedGone(e.getKey(), cache::containsKey);
    }
  }

  private static void createDirectory(CacheSettings settings) {
    try {
      Files.createDirectories(settings.directory());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the cache directory " + settings.directory(), e);
    }
  }

  /** The innermost message in the cause chain, the one that names what went wrong on disk. */
  private static String rootMessage(Throwable e) {
    @Nullable String message = null;
    Throwable root = e;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      root = cause;
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    String kind = root.getClass().getSimpleName();
    return message == null ? kind : kind + " (" + message + ")";
  }

  @Nullable CachedBody get(String key) {
    return cache.get(key);
  }

  void put(String key, CachedBody body) {
    index.added(key, () -> cache.put(key, body));
  }

  void remove(String key) {
    index.removed(key, () -> cache.remove(key));
  }

  /** Removes every key starting with {@code prefix}; costs time in the matching keys only. */
  int removeByPrefix(String prefix) {
    return index.removePrefix(prefix, cache::remove);
  }

  /** Whether {@code key} is indexed: cached, or dropped by Ehcache a moment ago. */
  boolean indexed(String key) {
    return index.contains(key);
  }

  int indexedKeys() {
    return index.size();
  }

  /** Why the disk tier is missing, or empty when the store has all three tiers. */
  Optional<String> degradedReason() {
    return Optional.ofNullable(degradedReason);
  }

  /**
   * Ehcache's counters per tier: {@code OnHeap}, {@code OffHeap} and, with a disk, {@code Disk}.
   */
  Map<String, TierStats> tierStats() {
    Map<String, TierStats> tiers = new LinkedHashMap<>();
    statistics
        .getCacheStatistics(CACHE)
        .getTierStatistics()
        .forEach((tier, stats) -> tiers.put(tier, tierStats(stats)));
    return tiers;
  }

  private static TierStats tierStats(TierStatistics tier) {
    return new TierStats(
        tier.getHits(),
        tier.getMisses(),
        tier.getMappings(),
        tier.getOccupiedByteSize(),
        tier.getEvictions(),
        tier.getExpirations());
  }

  boolean isAvailable() {
    return manager.getStatus() == Status.AVAILABLE;
  }

  /** Closes the tiers and deletes the disk tier's files. */
  @Override
  public void close() {
    manager.close();
    if (manager instanceof PersistentCacheManager persistent) {
      try {
        persistent.destroy();
      } catch (CachePersistenceException e) {
        log.warn("could not delete the cache's disk tier: {}", e.toString());
      }
    }
  }
}
