package io.pitchey.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only access to the merged configuration with typed getters whose errors name the setting,
 * where its value came from, and the environment variable that sets it.
 *
 * <p>Components read their settings once at start-up into immutable records; nothing reads a {@code
 * Settings} after that.
 */
public final class Settings {
  private final Config config;

  Settings(Config config) {
    this.config = config;
  }

  public String string(String key) {
    String value = read(key, config::getString).strip();
    if (value.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  /** A value that may legitimately be empty, such as a password on a trusted local socket. */
  public String stringOrEmpty(String key) {
    return config.hasPath(key) ? read(key, config::getString) : "";
  }

  public Optional<String> optionalString(String key) {
    return config.hasPath(key) ? Optional.of(string(key)) : Optional.empty();
  }

  public int integer(String key, int min, int max) {
    int value = read(key, config::getInt);
    if (value < min || value > max) {
      throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** A TCP port; 0 means "any free port". */
  public int port(String key) {
    return integer(key, 0, 65_535);
  }

  public Duration duration(String key, Duration min) {
    Duration value = read(key, config::getDuration);
    if (value.compareTo(min) < 0) {
      throw invalid(key, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  public boolean bool(String key) {
    return read(key, config::getBoolean);
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  /** Builds the exception for a value that parsed but is not acceptable. */
  public InvalidConfigException invalid(String key, String problem) {
    String origin =
        config.hasPath(key) ? " (from " + config.getValue(key).origin().description() + ")" : "";
    return new InvalidConfigException(
        key,
        problem
            + origin
            + "; set it with "
            + ConfigLayers.envNameOf(key)
            + " or --set "
            + key
            + "=...");
  }

  private <T> T read(String key, Function<String, T> getter) {
    try {
      return getter.apply(key);
    } catch (ConfigException.Missing e) {
      throw invalid(key, "is required but not set");
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw invalid(key, "cannot be read: " + e.getMessage());
    }
  }
}
