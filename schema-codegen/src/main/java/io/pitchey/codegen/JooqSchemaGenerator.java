package io.pitchey.codegen;

import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.Migrations;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the jOOQ classes of the given schemas from the real migrations: starts an embedded
 * PostgreSQL on a temporary directory, applies {@link Migrations} to a new database, runs jOOQ's
 * {@link GenerationTool} against it, and stops the server.
 *
 * <p>Incremental: when the output directory holds the {@link SchemaStamp} of the current migrations
 * and configuration, nothing is started and nothing is written. {@code --force} regenerates anyway.
 * The stamp is written last, so a generation that failed half-way is redone on the next run.
 *
 * <p>Usage: {@code JooqSchemaGenerator --directory=DIR --package=PKG --schemas=app[,metrics]
 * [--force]}; exits non-zero when generation fails.
 */
public final class JooqSchemaGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(JooqSchemaGenerator.class);

  private JooqSchemaGenerator() {}

  public static void main(String[] args) throws Exception {
    // jOOQ prints a logo and a tip of the day on first use; a build log does not want them
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    generate(GeneratorOptions.parse(args));
  }

  /**
   * Brings the classes in {@link GeneratorOptions#directory()} up to date.
   *
   * @return true if they were generated, false if they were current
   */
  public static boolean generate(GeneratorOptions options) throws Exception {
    Configuration configuration = CodegenConfiguration.of(options);
    SchemaStamp stamp = SchemaStamp.of(configuration);
    if (!options.force() && stamp.isRecordedIn(options.directory())) {
      return false;
    }
    long startedAt = System.nanoTime();
    Files.createDirectories(options.directory());
    SchemaStamp.forgetIn(options.directory());
    try (LocalPostgres postgres = LocalPostgres.start()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(postgres.jdbcUrl());
      dataSource.setUser(postgres.user());
      dataSource.setPassword(postgres.password());
      Migrations.migrate(dataSource);
      try (Connection connection = dataSource.getConnection()) {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(configuration);
      }
    }
    stamp.recordIn(options.directory());
    LOG.info(
        "jOOQ classes of schemas {} generated into {} in {} ms",
        options.schemas(),
        options.directory(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return true;
  }
}
