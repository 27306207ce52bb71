package io.pitchey.api.pitch;

import java.time.Instant;

/** A pitch as the API shows it in full, with its owner's public identity. */
public record Pitch(
    long id,
    String title,
    String logline,
    String synopsis,
    String genre,
    String status,
    long viewCount,
    Owner owner,
    Instant createdAt,
    Instant updatedAt) {

  /** The public face of the pitch's owner. */
  public record Owner(long id, String handle, String displayName) {}
}
