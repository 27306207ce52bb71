package io.pitchey.api.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.ehcache.Cache;
import org.ehcache.CachePersistenceException;
import org.ehcache.PersistentCacheManager;
import org.ehcache.Status;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached bodies in three Ehcache tiers: heap (fastest, counted in entries), off-heap (direct memory
 * the garbage collector never scans) and disk. Ehcache keeps the hottest entries in the highest
 * tier and every entry in the disk tier, so the disk tier bounds the cache's capacity.
 *
 * <p>The disk tier is not persistent: it is created empty and destroyed on {@link #close()} (see
 * {@link CacheSettings}). Thread-safe.
 */
final class TieredStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TieredStore.class);
  private static final String CACHE = "responses";

  private final PersistentCacheManager manager;
  private final Cache<String, CachedBody> cache;

  private TieredStore(PersistentCacheManager manager) {
    this.manager = manager;
    this.cache = manager.getCache(CACHE, String.class, CachedBody.class);
  }

  static TieredStore open(CacheSettings settings) {
    try {
      Files.createDirectories(settings.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the cache directory " + settings.directory(), e);
    }
    ResourcePoolsBuilder tiers =
        ResourcePoolsBuilder.newResourcePoolsBuilder()
            .heap(settings.heapEntries(), EntryUnit.ENTRIES)
            .offheap(settings.offHeapMb(), MemoryUnit.MB)
            .disk(settings.diskMb(), MemoryUnit.MB, false);
    PersistentCacheManager manager =
        CacheManagerBuilder.newCacheManagerBuilder()
            .with(CacheManagerBuilder.persistence(settings.directory().toFile()))
            .withCache(
                CACHE,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        String.class, CachedBody.class, tiers)
                    .withExpiry(new RetentionExpiry())
                    .withValueSerializer(new CachedBodySerializer()))
            .build(true);
    return new TieredStore(manager);
  }

  @Nullable CachedBody get(String key) {
    return cache.get(key);
  }

  void put(String key, CachedBody body) {
    cache.put(key, body);
  }

  void remove(String key) {
    cache.remove(key);
  }

  /** Removes every key starting with {@code prefix}; walks the whole cache. */
  int removeByPrefix(String prefix) {
    java.util.List<String> matching = new java.util.ArrayList<>();
    cache.forEach(
        entry -> {
          if (entry.getKey().startsWith(prefix)) {
            matching.add(entry.getKey());
          }
        });
    matching.forEach(cache::remove);
    return matching.size();
  }

  boolean isAvailable() {
    return manager.getStatus() == Status.AVAILABLE;
  }

  /** Closes the tiers and deletes the disk tier's files. */
  @Override
  public void close() {
    manager.close();
    try {
      manager.destroy();
    } catch (CachePersistenceException e) {
      log.warn("could not delete the cache's disk tier: {}", e.toString());
    }
  }
}
