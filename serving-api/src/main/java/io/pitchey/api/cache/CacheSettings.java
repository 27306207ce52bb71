package io.pitchey.api.cache;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.NodeIdentity;
import io.pitchey.config.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Sizes and place of the response cache's three tiers.
 *
 * <p>Ehcache requires each tier to be larger than the one above it, so the disk tier must be larger
 * than the off-heap tier; heap is counted in entries and is not compared. The disk tier is scratch
 * space, cleared at start and on close: a cache that survived a restart could serve entries whose
 * invalidations were published while the instance was down.
 *
 * @param directory where the disk tier lives; one instance per directory (Ehcache locks it)
 * @param heapEntries entries kept on the Java heap, the fastest tier
 * @param offHeapMb megabytes of direct memory, outside the garbage collector's reach
 * @param diskMb megabytes on disk
 */
public record CacheSettings(Path directory, int heapEntries, int offHeapMb, int diskMb) {

  public CacheSettings {
    Objects.requireNonNull(directory, "directory");
    if (heapEntries < 1) {
      throw new InvalidConfigException(
          "cache.heap-entries", "must be at least 1, was " + heapEntries);
    }
    if (offHeapMb < 1) {
      throw new InvalidConfigException("cache.offheap-mb", "must be at least 1, was " + offHeapMb);
    }
    if (diskMb <= offHeapMb) {
      throw new InvalidConfigException(
          "cache.disk-mb",
          "must be larger than cache.offheap-mb (" + offHeapMb + "), was " + diskMb);
    }
  }

  /**
   * Reads {@code cache.dir} (default: {@code <java.io.tmpdir>/pitchey-cache/<instance>}, unique per
   * instance), {@code cache.heap-entries}, {@code cache.offheap-mb} and {@code cache.disk-mb}.
   */
  public static CacheSettings from(Settings settings, NodeIdentity node) {
    Path directory =
        settings
            .optionalString("cache.dir")
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(
                        System.getProperty("java.io.tmpdir"), "pitchey-cache", node.instance()));
    return new CacheSettings(
        directory,
        settings.integer("cache.heap-entries", 1, 10_000_000),
        settings.integer("cache.offheap-mb", 1, 1 << 20),
        settings.integer("cache.disk-mb", 2, 1 << 24));
  }
}
