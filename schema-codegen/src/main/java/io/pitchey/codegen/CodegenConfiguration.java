package io.pitchey.codegen;

import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * The jOOQ code generator's configuration: tables, keys and records of the chosen schemas; no DAOs,
 * no POJOs. It names no database: the generator is handed the connection, so the configuration (and
 * with it the {@link SchemaStamp}) is the same on every run.
 */
final class CodegenConfiguration {
  /**
   * {@code timestamptz} columns are {@link java.time.Instant}s, not jOOQ's default {@link
   * java.time.OffsetDateTime}: the database stores an instant, and the API speaks in instants. The
   * pattern is matched with jOOQ's default flags (COMMENTS: spaces must be escaped).
   */
  private static final ForcedType TIMESTAMPTZ_AS_INSTANT =
      new ForcedType()
          .withName("INSTANT")
          .withIncludeTypes("timestamp\\ with\\ time\\ zone|timestamptz");

  private CodegenConfiguration() {}

  static Configuration of(GeneratorOptions options) {
    return new Configuration()
        .withLogging(Logging.WARN)
        .withOnError(OnError.FAIL)
        .withGenerator(
            new Generator()
                .withName("org.jooq.codegen.JavaGenerator")
                .withDatabase(database(options))
                .withGenerate(generate())
                .withTarget(
                    new Target()
                        .withPackageName(options.packageName())
                        .withDirectory(options.directory().toString())
                        .withEncoding("UTF-8")
                        .withClean(true)));
  }

  private static Database database(GeneratorOptions options) {
    return new Database()
        .withName("org.jooq.meta.postgres.PostgresDatabase")
        .withSchemata(
            options.schemas().stream()
                .map(schema -> new SchemaMappingType().withInputSchema(schema))
                .toList())
        .withIncludes(".*")
        // the schemas' functions (the sketch functions' PL/pgSQL) are called from SQL, not Java
        .withIncludeRoutines(false)
        .withForcedTypes(TIMESTAMPTZ_AS_INSTANT);
  }

  private static Generate generate() {
    return new Generate()
        .withRecords(true)
        .withPojos(false)
        .withDaos(false)
        .withJavaTimeTypes(true)
        // columns of types jOOQ does not know (tsvector) are Object; not worth a warning per use
        .withDeprecationOnUnknownTypes(false)
        // no dates or versions in the sources: the same schema generates the same files
        .withGeneratedAnnotation(false);
  }
}
