package io.pitchey.api.pitch;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/pitches} and {@code PUT /api/pitches/{id}}: a pitch as its owner
 * writes it. A {@code PUT} replaces every field, so an omitted logline or synopsis becomes empty
 * and an omitted status becomes {@code draft}.
 *
 * <p>Validates in its constructor; each message starts with the field it is about, so the client
 * learns which one to fix. Lengths are counted in UTF-16 units, which bounds the stored size.
 *
 * <p>C0 control characters (U+0000 to U+001F) are refused, except tab and line breaks in the
 * synopsis: they have no place in text people read, PostgreSQL cannot store U+0000, and search
 * marks its matches with U+0001 and U+0002 before escaping, so a stored one would come out as
 * {@code <mark>}.
 */
public record PitchDraft(
    String title, String logline, String synopsis, String genre, String status) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_LOGLINE = 500;
  public static final int MAX_SYNOPSIS = 10_000;
  private static final char FIRST_PRINTABLE = ' '; // U+0020, the first character after C0

  public PitchDraft(
      @Nullable String title,
      @Nullable String logline,
      @Nullable String synopsis,
      @Nullable String genre,
      @Nullable String status) {
    this.title =
        singleLine("title", bounded("title", required("title", title).strip(), 1, MAX_TITLE));
    this.logline =
        singleLine("logline", bounded("logline", orEmpty(logline).strip(), 0, MAX_LOGLINE));
    this.synopsis =
        withoutControls(
            "synopsis", bounded("synopsis", orEmpty(synopsis).strip(), 0, MAX_SYNOPSIS), "\t\n\r");
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

  private static String singleLine(String field, String value) {
    return withoutControls(field, value, "");
  }

  private static String withoutControls(String field, String value, String allowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < FIRST_PRINTABLE && allowed.indexOf(c) < 0) {
        throw new IllegalArgumentException(
            field
                + " must not contain control characters, found U+%04X at %d".formatted((int) c, i));
      }
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
