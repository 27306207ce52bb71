package io.pitchey.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The one Flyway history on an empty database: it applies, validates and is repeatable. */
@ExtendWith(DevStackExtension.class)
class MigrationsTest {
  @Test
  void the_history_applies_to_an_empty_database_validates_and_a_second_run_changes_nothing(
      LocalPostgres postgres) throws SQLException {
    DataSource db = emptyDatabase(postgres);

    MigrateResult first = Migrations.migrate(db);
    ValidateResult validation = Migrations.validate(db);
    MigrateResult second = Migrations.migrate(db);

    assertThat(first.migrationsExecuted).as("every migration of the history").isGreaterThan(0);
    assertThat(validation.validationSuccessful)
        .as("flyway validate: %s", validation.getAllErrorMessages())
        .isTrue();
    assertThat(second.migrationsExecuted).as("nothing left to apply").isZero();
    assertThat(strings(db, "select schema_name from information_schema.schemata"))
        .contains("app", "metrics", "quartz");
    assertThat(
            strings(
                db,
                "select table_name from information_schema.tables where table_schema = 'quartz'"))
        .as("Quartz's own tables, from the jar's script")
        .contains("qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state");
  }

  @Test
  void a_changed_migration_fails_validation(LocalPostgres postgres) throws SQLException {
    DataSource db = emptyDatabase(postgres);
    Migrations.migrate(db);
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "update public.flyway_schema_history set checksum = checksum + 1 where version = '3'");
    }

    ValidateResult validation = Migrations.validate(db);

    assertThat(validation.validationSuccessful).isFalse();
    assertThat(validation.getAllErrorMessages()).containsIgnoringCase("checksum mismatch");
  }

  private static DataSource emptyDatabase(LocalPostgres postgres) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl(postgres.createUniqueDatabase("migrations")));
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    return dataSource;
  }

  private static List<String> strings(DataSource db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
