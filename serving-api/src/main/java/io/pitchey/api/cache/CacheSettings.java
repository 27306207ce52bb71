package io.pitchey.api.cache;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.NodeIdentity;
import io.pitchey.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sizes and place of the response cache's three tiers, and how it behaves around them.
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
 * @param maxStale how long past stale-while-revalidate an entry is kept, to be served when
 *     reloading it fails (stale-if-error); whole seconds
 * @param invalidationBus share invalidations with the other instances over Kafka
 * @param warmPaths request paths (with query) to load into the cache right after start
 */
public record CacheSettings(
    Path directory,
    int heapEntries,
    int offHeapMb,
    int diskMb,
    Duration maxStale,
    boolean invalidationBus,
    List<String> warmPaths) {

  public static final Duration DEFAULT_MAX_STALE = Duration.ofHours(1);

  public CacheSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(maxStale, "maxStale");
    warmPaths = List.copyOf(warmPaths);
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
    if (maxStale.isNegative() || maxStale.toNanosPart() != 0) {
      throw new InvalidConfigException(
          "cache.max-stale", "must be whole seconds, zero or more, was " + maxStale);
    }
    for (String path : warmPaths) {
      if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidConfigException(
            "cache.warm-paths",
            "each path must start with / and hold no spaces, was '" + path + "'");
      }
    }
  }

  /** With the default max-stale, no invalidation bus and nothing to warm. */
  public CacheSettings(Path directory, int heapEntries, int offHeapMb, int diskMb) {
    this(directory, heapEntries, offHeapMb, diskMb, DEFAULT_MAX_STALE, false, List.of());
  }

  /**
   * Reads {@code cache.dir} (default: {@code <java.io.tmpdir>/pitchey-cache/<instance>}, unique per
   * instance), {@code cache.heap-entries}, {@code cache.offheap-mb}, {@code cache.disk-mb}, {@code
   * cache.max-stale} (default 1 h), {@code cache.invalidation-bus} (default off: turn it on where
   * several instances share a Kafka cluster) and {@code cache.warm-paths} (comma separated, default
   * none).
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
    Duration maxStale =
        settings.has("cache.max-stale")
            ? settings.duration("cache.max-stale", Duration.ZERO)
            : DEFAULT_MAX_STALE;
    return new CacheSettings(
        directory,
        settings.integer("cache.heap-entries", 1, 10_000_000),
        settings.integer("cache.offheap-mb", 1, 1 << 20),
        settings.integer("cache.disk-mb", 2, 1 << 24),
        maxStale,
        settings.has("cache.invalidation-bus") && settings.bool("cache.invalidation-bus"),
        paths(settings.optionalString("cache.warm-paths").orElse("")));
  }

  private static List<String> paths(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(path -> !path.isEmpty())
        .toList();
  }
}
