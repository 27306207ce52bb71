package io.pitchey.api.pitch;

import java.util.Set;

/**
 * A pitch's status as stored in {@code app.pitches.status}. Drafts are their owner's alone;
 * published and archived pitches are public.
 */
public final class PitchStatus {
  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";
  public static final String ARCHIVED = "archived";

  private static final Set<String> ALL = Set.of(DRAFT, PUBLISHED, ARCHIVED);
  private static final Set<String> PUBLIC = Set.of(PUBLISHED, ARCHIVED);

  private PitchStatus() {}

  public static boolean isKnown(String status) {
    return ALL.contains(status);
  }

  public static boolean isPublic(String status) {
    return PUBLIC.contains(status);
  }
}
