package io.pitchey.api.user;

import java.time.Instant;

/** A user as they see themselves: their e-mail included, so never served from a shared cache. */
public record User(
    long id, String handle, String displayName, String email, String bio, Instant createdAt) {}
