package io.pitchey.api.pitch;

import java.util.List;
import java.util.Map;

/**
 * One page of a pitch list. It says whether another page follows rather than counting every match:
 * a count would read the whole filtered range on every request, a look-ahead row costs nothing.
 *
 * @param links {@code self}, and {@code next} and {@code prev} where they exist: relative URLs
 */
public record PitchPage(
    List<PitchSummary> items, int page, int size, boolean hasMore, Map<String, String> links) {
  public PitchPage {
    items = List.copyOf(items);
    links = Map.copyOf(links);
  }
}
