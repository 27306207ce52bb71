package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Cache lookups since start, by how each was answered. Thread-safe. */
final class LookupCounters {
  private final Map<CacheStatus, LongAdder> counts = new EnumMap<>(CacheStatus.class);

  LookupCounters() {
    for (CacheStatus status : CacheStatus.values()) {
      counts.put(status, new LongAdder());
    }
  }

  CacheLookup count(CacheLookup lookup) {
    counts.get(lookup.status()).increment();
    return lookup;
  }

  Map<CacheStatus, Long> snapshot() {
    Map<CacheStatus, Long> snapshot = new EnumMap<>(CacheStatus.class);
    counts.forEach((status, count) -> snapshot.put(status, count.sum()));
    return snapshot;
  }
}
