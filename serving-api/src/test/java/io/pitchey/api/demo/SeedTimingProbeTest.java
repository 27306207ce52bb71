package io.pitchey.api.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class SeedTimingProbeTest {
  @Test
  void probe(LocalPostgres postgres) {
    String database = postgres.createUniqueDatabase("probe");
    try (HikariDataSource ds =
        DataSources.pooled(
            new DatabaseSettings(
                postgres.jdbcUrl(database), postgres.user(), postgres.password(), Optional.empty()),
            "probe",
            2)) {
      Migrations.migrate(ds);
      long t0 = System.nanoTime();
      SeedReport r = DemoData.seed(ds, 10_000, 100_000, 42);
      long t1 = System.nanoTime();
      System.out.println(
          "PROBE seeded "
              + r.usersInserted()
              + "/"
              + r.pitchesInserted()
              + " in "
              + (t1 - t0) / 1_000_000
              + " ms");
      SeedReport again = DemoData.seed(ds, 10_000, 100_000, 42);
      System.out.println(
          "PROBE reseed "
              + again.pitchesInserted()
              + " in "
              + (System.nanoTime() - t1) / 1_000_000
              + " ms");
    }
  }
}
