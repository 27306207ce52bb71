package io.pitchey.api.pitch;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/pitches} and {@code PUT /api/pitches/{id}}: a pitch as its owner
 * writes it. A {@code PUT} replaces every field, so an omitted logline or synopsis becomes empty
 * and an omitted status becomes {@code draft}.
 *
 * <p>Validates in its constructor; each message starts with the field it is about, so the client
 * learns which one to fix. Lengths are counted in UTF-16 units, which bounds the stored size.
 */
public record PitchDraft(
    String title, String logline, String synopsis, String genre, String status) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_LOGLINE = 500;
  public static final int MAX_SYNOPSIS = 10_000;

  public PitchDraft(
      @Nullable String title,
      @Nullable String logline,
      @Nullable String synopsis,
      @Nullable String genre,
      @Nullable String status) {
    this.title = bounded("title", required("title", title).strip(), 1, MAX_TITLE);
    this.logline = bounded("logline", orEmpty(logline).strip(), 0, MAX_LOGLINE);
    this.synopsis = bounded("synopsis", orEmpty(synopsis).strip(), 0, MAX_SYNOPSIS);
    this.genre = required("genre", genre);
    if (!Genres.isKnown(this.genre)) {
      throw new IllegalArgumentException("genre must be one of " + Genres.ALL);
    }
    this.status = status == null ? PitchStatus.DRAFT : status;
    if (!PitchStatus.isKnown(this.status)) {
      throw new IllegalArgumentException("status must be draft, published or archived");
    }
  }

  private static String required(String field, @Nullable String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static String bounded(String field, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + " characters, was " + value.length());
    }
    return value;
  }
}
