package io.pitchey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(DevStackExtension.class)
class SeedCommandTest {
  @Test
  void seeding_migrates_inserts_and_a_second_run_tops_up_only(LocalPostgres postgres) {
    String url = postgres.jdbcUrl(postgres.createUniqueDatabase("seed_cli"));
    String[] database = {
      "--db-url", url, "--db-user", postgres.user(), "--db-password", postgres.password()
    };

    String first = run(database, "--users", "3", "--pitches", "12");
    String second = run(database, "--users", "3", "--pitches", "15");

    assertThat(first).contains("3 users and 12 pitches inserted");
    assertThat(second).contains("0 users and 3 pitches inserted").contains("(3 users,");
  }

  private static String run(String[] database, String... counts) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine pitchey =
        Pitchey.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] args = new String[1 + database.length + counts.length];
    args[0] = "seed";
    System.arraycopy(database, 0, args, 1, database.length);
    System.arraycopy(counts, 0, args, 1 + database.length, counts.length);

    int status = pitchey.execute(args);

    assertThat(status).as(err.toString()).isZero();
    return out.toString();
  }
}
