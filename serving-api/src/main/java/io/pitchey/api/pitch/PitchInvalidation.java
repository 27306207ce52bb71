package io.pitchey.api.pitch;

import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.user.UserRoutes;

/**
 * What a change to a pitch makes stale, dropped from the cache after the change is committed: the
 * pitch, every list and search page (it may enter, leave or move in any of them), the live data and
 * the owner's profile (its public pitch count).
 */
public final class PitchInvalidation {
  private static final String LISTS = "pitches:*";
  private static final String SEARCHES = "search:*";
  private static final String LIVE = "live:*";

  private PitchInvalidation() {}

  public static void afterChangeOf(ResponseCache cache, long pitchId, long ownerId) {
    cache.invalidatePattern(PitchRoutes.cacheKey(pitchId));
    cache.invalidatePattern(LISTS);
    cache.invalidatePattern(SEARCHES);
    cache.invalidatePattern(LIVE);
    cache.invalidatePattern(UserRoutes.cacheKey(ownerId));
  }
}
