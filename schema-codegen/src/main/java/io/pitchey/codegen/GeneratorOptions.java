package io.pitchey.codegen;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to generate and where, from the command line.
 *
 * @param directory the source root the classes are written under (e.g. {@code
 *     target/generated-sources/jooq}); it holds nothing else but the stamp
 * @param packageName the package of the generated classes
 * @param schemas the database schemas to generate, in order; at least one
 * @param force regenerate even when the stamp says the classes are current
 */
public record GeneratorOptions(
    Path directory, String packageName, List<String> schemas, boolean force) {
  private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final String USAGE =
      "usage: JooqSchemaGenerator --directory=DIR --package=PKG --schemas=S1[,S2...] [--force[=true|false]]";

  public GeneratorOptions {
    schemas = List.copyOf(schemas);
    if (!PACKAGE.matcher(packageName).matches()) {
      throw new IllegalArgumentException(
          "--package: not a lower-case Java package: " + packageName);
    }
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("--schemas: name at least one schema");
    }
    for (String schema : schemas) {
      if (!SCHEMA.matcher(schema).matches()) {
        throw new IllegalArgumentException("--schemas: not a plain schema name: " + schema);
      }
    }
  }

  /** Parses {@code --name=value} arguments; unknown or missing ones fail with the usage. */
  public static GeneratorOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg + "; " + USAGE);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      values.put(name, equals < 0 ? "true" : arg.substring(equals + 1));
    }
    GeneratorOptions options =
        new GeneratorOptions(
            Path.of(required(values, "directory")).toAbsolutePath().normalize(),
            required(values, "package"),
            Arrays.stream(required(values, "schemas").split(",")).map(String::strip).toList(),
            Boolean.parseBoolean(values.getOrDefault("force", "false")));
    values.keySet().removeAll(List.of("directory", "package", "schemas", "force"));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + values.keySet() + "; " + USAGE);
    }
    return options;
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required; " + USAGE);
    }
    return value;
  }
}
