package io.pitchey.api.user;

import java.time.Instant;

/**
 * A user as everyone may see them: no e-mail, and their public (published or archived) pitches
 * counted.
 */
public record UserProfile(
    long id,
    String handle,
    String displayName,
    String bio,
    Instant createdAt,
    long publicPitchCount) {}
