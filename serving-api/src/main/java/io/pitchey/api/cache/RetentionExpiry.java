package io.pitchey.api.cache;

import java.time.Duration;
import java.util.function.Supplier;
import org.ehcache.expiry.ExpiryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Lets Ehcache drop an entry once its policy's {@link CachePolicy#maxRetention() maximum retention}
 * has passed, counted from each write: past stale-while-revalidate an entry is still kept for the
 * stale-if-error window, to stand in for a database that is down. This only reclaims space: whether
 * an entry may be served is judged by {@link CachedBody#freshness} against the API's injected
 * clock, which Ehcache does not know.
 */
final class RetentionExpiry implements ExpiryPolicy<String, CachedBody> {

  @Override
  public Duration getExpiryForCreation(String key, CachedBody value) {
    return value.policy().maxRetention();
  }

  @Override
  public @Nullable Duration getExpiryForAccess(String key, Supplier<? extends CachedBody> value) {
    return null; // reading does not extend an entry's life
  }

  @Override
  public Duration getExpiryForUpdate(
      String key, Supplier<? extends CachedBody> oldValue, CachedBody newValue) {
    return newValue.policy().maxRetention();
  }
}
