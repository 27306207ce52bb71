package io.pitchey.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the project's one Flyway history (schemas {@code app}, {@code metrics}, {@code quartz}).
 * Safe to call from every process at start-up: Flyway serialises concurrent migrations with a lock.
 */
public final class Migrations {
  /** SQL migrations and Java migrations (the Quartz tables) live beside each other. */
  static final String[] LOCATIONS = {
    "classpath:db/migration", "classpath:io/pitchey/sql/migration"
  };

  private Migrations() {}

  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATIONS)
        .schemas("public")
        .createSchemas(true)
        .failOnMissingLocations(false)
        .load()
        .migrate();
  }
}
