package io.pitchey.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.ServeConfig;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.demo.SeedReport;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pitchey seed}: demo users and pitches in the database {@code serve} uses (same settings),
 * migrated first. Repeatable: a second run with the same counts and seed adds nothing, larger
 * counts top up.
 */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    description = "Fill the application database with demo users and pitches (repeatable).")
final class SeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ExternalServices services;

  @Option(
      names = "--users",
      description = "demo users to ensure (default ${DEFAULT-VALUE})",
      defaultValue = "10000")
  int users;

  @Option(
      names = "--pitches",
      description = "demo pitches to ensure (default ${DEFAULT-VALUE})",
      defaultValue = "100000")
  int pitches;

  @Option(
      names = "--seed",
      description = "random seed of names and texts (default ${DEFAULT-VALUE})",
      defaultValue = "42")
  long randomSeed;

  @Override
  public Integer call() {
    if (users < 1 || pitches < 0) {
      throw new ParameterException(
          spec.commandLine(), "--users must be at least 1 and --pitches not negative");
    }
    ServeConfig config = ServeConfig.from(services.settings(ServeConfig.DEFAULTS));
    PrintWriter out = spec.commandLine().getOut();
    try (HikariDataSource db = DataSources.pooled(config.db(), "seed", 2)) {
      Migrations.migrate(db);
      long started = System.nanoTime();
      SeedReport report = DemoData.seed(db, users, pitches, randomSeed);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      out.printf(
          "pitchey seed: %d users and %d pitches inserted in %.1f s (%d users, %d public pitches"
              + " in the demo set)%n",
          report.usersInserted(),
          report.pitchesInserted(),
          took.toMillis() / 1000.0,
          report.userIds().size(),
          report.publicPitchIds().size());
      out.flush();
    }
    return 0;
  }
}
