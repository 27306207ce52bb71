package io.pitchey.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

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
    return flyway(dataSource).migrate();
  }

  /**
   * Checks that the database's history matches these migrations (none changed after it was applied,
   * none missing, none pending).
   *
   * @return the result, whose {@code validationSuccessful} and {@code errorDetails} say why not
   */
  public static ValidateResult validate(DataSource dataSource) {
    return flyway(dataSource).validateWithResult();
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATIONS)
        .schemas("public")
        .createSchemas(true)
        .failOnMissingLocations(false)
        .load();
  }
}
