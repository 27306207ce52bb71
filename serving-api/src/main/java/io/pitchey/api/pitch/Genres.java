package io.pitchey.api.pitch;

import java.util.List;
import java.util.Set;

/**
 * The genres a pitch may have. A fixed set, so lists can be filtered by genre and a typo cannot
 * create a genre nobody browses.
 */
public final class Genres {
  /** In the order clients should offer them. */
  public static final List<String> ALL =
      List.of(
          "drama",
          "comedy",
          "thriller",
          "sci-fi",
          "horror",
          "documentary",
          "romance",
          "animation",
          "fantasy",
          "mystery");

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  private Genres() {}

  public static boolean isKnown(String genre) {
    return KNOWN.contains(genre);
  }
}
