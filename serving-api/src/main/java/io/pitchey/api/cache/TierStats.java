package io.pitchey.api.cache;

/**
 * One Ehcache tier's counters since the cache opened.
 *
 * @param hits lookups this tier answered
 * @param misses lookups it passed to the tier below
 * @param mappings entries it holds now
 * @param occupiedBytes bytes its entries take now; -1 where the tier does not count bytes (heap by
 *     entries)
 * @param evictions entries it pushed out for space
 * @param expirations entries it dropped past their retention
 */
public record TierStats(
    long hits, long misses, long mappings, long occupiedBytes, long evictions, long expirations) {}
