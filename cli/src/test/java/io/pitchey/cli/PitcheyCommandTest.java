package io.pitchey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PitcheyCommandTest {
  private final StringWriter err = new StringWriter();
  private final CommandLine pitchey =
      Pitchey.commandLine()
          .setErr(new PrintWriter(err, true))
          .setOut(new PrintWriter(new StringWriter()));

  @Test
  void a_bad_setting_stops_a_component_with_the_setting_named_and_exit_status_3() {
    int status = pitchey.execute("serve", "--db-url", "jdbc:mysql://db/pitchey");

    assertThat(status).isEqualTo(Pitchey.CONFIG_ERROR);
    assertThat(err.toString())
        .contains("db.url")
        .contains("jdbc:postgresql:")
        .contains("PITCHEY_DB_URL");
  }

  @Test
  void a_bad_duration_is_a_usage_error() {
    int status = pitchey.execute("demo", "--for", "soon");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void the_demo_refuses_a_taken_port_before_starting_anything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int status =
          pitchey.execute("demo", "--for", "5s", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
      assertThat(err.toString()).contains("port " + taken.getLocalPort() + " is in use");
    }
  }

  @Test
  void durations_read_the_way_people_write_them() {
    DurationConverter converter = new DurationConverter();

    assertThat(converter.convert("60s")).hasSeconds(60);
    assertThat(converter.convert("5m")).hasMinutes(5);
    assertThat(converter.convert("500ms")).hasMillis(500);
    assertThat(converter.convert("PT2H")).hasHours(2);
  }
}
