package io.pitchey.ingest.event;

/**
 * How the cache took part in a request (contracts §3). {@code BYPASS} requests (writes, private or
 * uncacheable content) are not cacheable and never count toward the hit rate.
 */
public enum CacheStatus {
  HIT,
  STALE,
  REVALIDATED,
  MISS,
  BYPASS;

  /** True for the statuses that count as served from cache. */
  public boolean isHit() {
    return this == HIT || this == STALE || this == REVALIDATED;
  }

  public boolean isCacheable() {
    return this != BYPASS;
  }
}
