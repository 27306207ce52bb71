package io.pitchey.api.live;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/live/trending}: the pitches with the most views in the last {@code
 * windowMinutes}, most viewed first.
 *
 * @param since the start of the window (a whole minute)
 */
public record Trending(int windowMinutes, Instant since, List<TrendingPitch> items) {
  public Trending {
    items = List.copyOf(items);
  }
}
