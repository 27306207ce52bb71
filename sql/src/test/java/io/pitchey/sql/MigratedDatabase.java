package io.pitchey.sql;

import io.pitchey.devstack.LocalPostgres;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database of the dev stack's PostgreSQL with every migration applied, for one test class.
 */
final class MigratedDatabase {

  private MigratedDatabase() {}

  /** Creates a database no other test uses, migrates it with {@link Migrations}, and returns it. */
  static DataSource create(LocalPostgres postgres, String namePrefix) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl(postgres.createUniqueDatabase(namePrefix)));
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    Migrations.migrate(dataSource);
    return dataSource;
  }
}
