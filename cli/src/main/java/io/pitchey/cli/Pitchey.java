package io.pitchey.cli;

import io.pitchey.config.InvalidConfigException;
import org.slf4j.LoggerFactory;
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
      SeedCommand.class,
      AggregateCommand.class,
      JobsCommand.class,
      BackfillCommand.class,
      TailCommand.class
    })
public final class Pitchey {
  /** Exit status for configuration errors, distinct from picocli's usage errors (2). */
  static final int CONFIG_ERROR = 3;

  /** Exit status when a command fails at run time (a service unreachable, a port taken). */
  static final int FAILURE = 1;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The exception's message, followed by its causes' where they add something. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.append(" (PITCHEY_LOG_LEVEL=DEBUG shows the stack trace)").toString();
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
              // One line for the operator; the stack trace for whoever debugs it.
              LoggerFactory.getLogger(Pitchey.class).debug("command failed", e);
              cmd.getErr().println("pitchey " + cmd.getCommandName() + ": " + describe(e));
              return FAILURE;
            });
  }
}
