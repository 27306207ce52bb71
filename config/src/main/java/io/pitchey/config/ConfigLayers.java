package io.pitchey.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Merges the configuration layers in precedence order: defaults &lt; file &lt; environment &lt;
 * flags.
 *
 * <p>Environment variables map to keys by one rule, so no table has to be kept in sync: drop {@code
 * PITCHEY_}, lower-case, the first underscore becomes a dot and the others dashes ({@code
 * PITCHEY_DB_READ_URL} → {@code db.read-url}, {@code PITCHEY_HTTP_PORT} → {@code http.port}). Flags
 * use the keys themselves ({@code db.url=jdbc:...}).
 */
public final class ConfigLayers {
  static final String ENV_PREFIX = "PITCHEY_";

  private ConfigLayers() {}

  /**
   * Loads the merged configuration.
   *
   * @param componentDefaults the component's own defaults (e.g. its HTTP port), above
   *     reference.conf
   * @param file optional HOCON or properties file; must exist when given
   * @param env the process environment (only {@code PITCHEY_*} variables are read)
   * @param flags settings given on the command line, by key
   */
  public static Settings load(
      Map<String, ?> componentDefaults,
      @Nullable Path file,
      Map<String, String> env,
      Map<String, String> flags) {
    Config merged =
        ConfigFactory.parseMap(flags, "command-line flags")
            .withFallback(ConfigFactory.parseMap(fromEnvironment(env), "PITCHEY_* environment"))
            .withFallback(fromFile(file))
            .withFallback(ConfigFactory.parseMap(componentDefaults, "component defaults"))
            .withFallback(ConfigFactory.defaultReference())
            .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    return new Settings(merged);
  }

  /** Loads from the real environment with no file and no flags: handy for tests and tools. */
  public static Settings fromDefaults(Map<String, ?> componentDefaults) {
    return load(componentDefaults, null, Map.of(), Map.of());
  }

  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> settings = new HashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            settings.put(keyOf(name), value);
          }
        });
    return settings;
  }

  static String keyOf(String envName) {
    String rest = envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
    int firstUnderscore = rest.indexOf('_');
    if (firstUnderscore < 0) {
      return rest;
    }
    return rest.substring(0, firstUnderscore)
        + "."
        + rest.substring(firstUnderscore + 1).replace('_', '-');
  }

  /** The environment variable that sets a key, for error messages. */
  static String envNameOf(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static Config fromFile(@Nullable Path file) {
    if (file == null) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException("config file", "no such file: " + file);
    }
    return ConfigFactory.parseFile(
        file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
  }
}
