package io.pitchey.api.search;

import java.util.List;

/**
 * A page of search results, best first.
 *
 * @param total how many public pitches match
 */
public record SearchResults(String query, List<SearchHit> items, int page, int size, long total) {
  public SearchResults {
    items = List.copyOf(items);
  }
}
