package io.pitchey.cli;

import io.pitchey.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./pitchey}. */
@Command(
    name = "pitchey",
    mixinStandardHelpOptions = true,
    version = "pitchey 0.1.0",
    description = "Pitchey: a pitch-sharing API and the pipeline that measures its performance.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      AggregateCommand.class,
      JobsCommand.class
    })
public final class Pitchey {
  /** Exit status for configuration errors, distinct from picocli's usage errors (2). */
  static final int CONFIG_ERROR = 3;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Pitchey())
        .registerConverter(java.time.Duration.class, new DurationConverter())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof InvalidConfigException) {
                cmd.getErr().println("pitchey: " + e.getMessage());
                return CONFIG_ERROR;
              }
              throw e;
            });
  }
}
