package io.pitchey.api.pitch;

import java.time.Instant;

/** A pitch as lists show it: everything but the synopsis, which only the pitch's page carries. */
public record PitchSummary(
    long id,
    String title,
    String logline,
    String genre,
    String status,
    long viewCount,
    Pitch.Owner owner,
    Instant createdAt,
    Instant updatedAt) {}
