package io.pitchey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.Migrations;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class QuartzTablesMigrationTest {
  /** The tables of quartz 2.5's tables_postgres.sql. */
  private static final long QUARTZ_TABLES = 11;

  @Test
  void migrations_create_every_quartz_table_in_schema_quartz_and_none_elsewhere(
      LocalPostgres postgres) throws SQLException {
    try (TestDatabase db = TestDatabase.migrated(postgres, "quartz_tables")) {
      assertThat(
              db.queryLong(
                  "select count(*) from pg_tables where schemaname = 'quartz' and tablename like 'qrtz\\_%'"))
          .isEqualTo(QUARTZ_TABLES);
      assertThat(
              db.queryLong(
                  "select count(*) from pg_tables where schemaname <> 'quartz' and tablename like 'qrtz\\_%'"))
          .isZero();
      assertThat(
              db.queryLong(
                  "select count(*) from pg_indexes where schemaname = 'quartz' and indexname like 'idx\\_qrtz\\_%'"))
          .as("the script's secondary indexes")
          .isEqualTo(20);
    }
  }

  @Test
  void migrating_again_drops_nothing_and_keeps_the_rows_of_a_running_cluster(LocalPostgres postgres)
      throws SQLException {
    try (TestDatabase db = TestDatabase.migrated(postgres, "quartz_again")) {
      db.execute(
          "insert into quartz.qrtz_locks (sched_name, lock_name) values ('pitchey-reporting', 'TRIGGER_ACCESS')");

      var second = Migrations.migrate(db.dataSource());

      assertThat(second.migrationsExecuted).isZero();
      assertThat(db.queryLong("select count(*) from quartz.qrtz_locks")).isEqualTo(1);
    }
  }

  @Test
  void the_history_records_the_quartz_tables_as_a_successful_java_migration(LocalPostgres postgres)
      throws SQLException {
    try (TestDatabase db = TestDatabase.migrated(postgres, "quartz_history")) {
      assertThat(
              db.queryLong(
                  "select count(*) from public.flyway_schema_history"
                      + " where version = '5' and type = 'JDBC' and success and checksum is not null"))
          .isEqualTo(1);
    }
  }
}
