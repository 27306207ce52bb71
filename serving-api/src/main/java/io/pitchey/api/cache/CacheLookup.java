package io.pitchey.api.cache;

import io.pitchey.ingest.event.CacheStatus;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a cache lookup: how the cache took part, and the body if the resource exists.
 *
 * @param status {@code HIT} or {@code STALE} when served from cache (stale within
 *     stale-while-revalidate, or past it when reloading failed), {@code MISS} when loaded, {@code
 *     REVALIDATED} when an expired entry was reloaded and found unchanged
 * @param age how old the body is; zero when just loaded
 */
public record CacheLookup(CacheStatus status, @Nullable CachedBody body, Duration age) {

  /** The body, or empty when the resource does not exist. */
  public Optional<CachedBody> found() {
    return Optional.ofNullable(body);
  }
}
