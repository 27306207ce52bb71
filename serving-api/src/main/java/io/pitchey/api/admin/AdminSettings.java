package io.pitchey.api.admin;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.Settings;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who may use the admin endpoints.
 *
 * @param token the {@code admin.token} secret, hashed; null when none is configured, which turns
 *     the admin endpoints off
 */
public record AdminSettings(@Nullable AdminToken token) {

  /** No admin token: the admin endpoints answer 404. */
  public static AdminSettings disabled() {
    return new AdminSettings(null);
  }

  public Optional<AdminToken> configuredToken() {
    return Optional.ofNullable(token);
  }

  /** Reads {@code admin.token}; absent or blank means no admin endpoints. */
  public static AdminSettings from(Settings settings) {
    String secret = settings.optionalString("admin.token").map(String::strip).orElse("");
    if (secret.isEmpty()) {
      return disabled();
    }
    if (secret.length() < AdminToken.MIN_LENGTH) {
      throw new InvalidConfigException(
          "admin.token",
          "must be at least " + AdminToken.MIN_LENGTH + " characters, was " + secret.length());
    }
    return new AdminSettings(AdminToken.of(secret));
  }
}
