package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the response cache for the admin endpoint and the health check.
 *
 * @param tiers Ehcache's counters per tier, keyed {@code OnHeap}, {@code OffHeap}, {@code Disk}
 *     (the last absent when the disk tier could not be opened)
 * @param lookups lookups since start by how they were answered
 * @param keys keys in the invalidation index
 * @param refreshesInFlight background refreshes queued or running
 * @param degradedReason why the cache runs without its disk tier, or null when it has it
 */
public record CacheStats(
    Map<String, TierStats> tiers,
    Map<CacheStatus, Long> lookups,
    int keys,
    int refreshesInFlight,
    @Nullable String degradedReason) {

  public CacheStats {
    tiers = Map.copyOf(Objects.requireNonNull(tiers, "tiers"));
    lookups = Map.copyOf(Objects.requireNonNull(lookups, "lookups"));
  }
}
