package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class LocalPostgresTest {

  @Test
  void postgres_runs_a_query_in_the_default_database(LocalPostgres postgres) throws Exception {
    assertThat(postgres.jdbcUrl()).endsWith("/" + LocalPostgres.DEFAULT_DATABASE);
    try (Connection c =
            java.sql.DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database(), 40 + 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(LocalPostgres.DEFAULT_DATABASE);
      assertThat(rs.getInt(2)).isEqualTo(42);
    }
  }

  @Test
  void creating_a_database_twice_is_harmless(LocalPostgres postgres) throws Exception {
    String name = postgres.createUniqueDatabase("twice");

    postgres.createDatabase(name);

    try (Connection c = postgres.connect(name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(name);
    }
  }

  @Test
  void postgres_keeps_data_and_port_across_restart(LocalPostgres postgres) throws Exception {
    String db = postgres.createUniqueDatabase("restart");
    String url = postgres.jdbcUrl(db);
    try (Connection c = postgres.connect(db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE pitch (id int PRIMARY KEY, title text)");
      s.execute("INSERT INTO pitch VALUES (1, 'kept')");
    }

    postgres.stop();
    assertThat(postgres.isRunning()).isFalse();
    postgres.restart(); // leaves the shared server running, as DevStackExtension requires

    assertThat(postgres.jdbcUrl(db)).isEqualTo(url);
    try (Connection c = postgres.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT title FROM pitch WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("kept");
    }
  }
}
