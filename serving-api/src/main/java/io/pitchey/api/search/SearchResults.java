package io.pitchey.api.search;

import java.util.List;

/**
 * A page of search results, best first.
 *
 * @param total how many public pitches match, or, when {@code totalCapped}, how many were ranked
 * @param totalCapped whether more pitches match than were ranked, so {@code total} is a lower bound
 *     and only those ranked are in the results
 */
public record SearchResults(
    String query, List<SearchHit> items, int page, int size, long total, boolean totalCapped) {
  public SearchResults {
    items = List.copyOf(items);
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative, was " + total);
    }
  }
}
