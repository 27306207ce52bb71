package io.pitchey.cli;

import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.KafkaOptions;
import io.pitchey.devstack.PostgresOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pitchey demo}: the whole system on embedded services, with traffic, printing live
 * per-route figures read back from PostgreSQL. With {@code --for} it stops by itself and exits 0
 * only if requests made it through the whole pipeline into the database.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run everything embedded: Kafka, PostgreSQL, API, aggregator, jobs and traffic.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      description = "API port (default ${DEFAULT-VALUE})",
      defaultValue = "7070")
  int port;

  @Option(
      names = "--kafka-port",
      description = "Kafka port (default: a free port)",
      defaultValue = "0")
  int kafkaPort;

  @Option(
      names = "--db-port",
      description = "PostgreSQL port (default: a free port)",
      defaultValue = "0")
  int dbPort;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "stop after this long (e.g. 60s) and print a summary")
  @Nullable Duration runFor;

  @Option(
      names = "--rate",
      description = "demo requests per second (default ${DEFAULT-VALUE})",
      defaultValue = "200")
  int rate;

  @Option(
      names = "--pitches",
      description =
          "pitches to seed (default ${DEFAULT-VALUE}; 100000 takes about a minute on 2 busy cores)",
      defaultValue = "20000")
  int pitches;

  @Option(
      names = "--users",
      description = "users to seed (default ${DEFAULT-VALUE})",
      defaultValue = "2000")
  int users;

  @Option(
      names = "--no-history",
      description = "skip loading 14 days of synthetic history through the backfill path")
  boolean noHistory;

  @Option(
      names = "--history-events",
      description = "events of synthetic history (default ${DEFAULT-VALUE})",
      defaultValue = "150000")
  long historyEvents;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    requireFreePort(port);
    Instant started = Instant.now();
    try (Lifecycle lifecycle = new Lifecycle()) {
      out.println("Starting Kafka and PostgreSQL ...");
      out.flush();
      DevStack stack =
          lifecycle.add(
              DevStack.start(
                      KafkaOptions.defaults().withPort(kafkaPort),
                      PostgresOptions.defaults().withPort(dbPort))
                  .withCallerOwnedShutdown());
      DemoSystem system = DemoSystem.start(stack, port, users, pitches, Map.of(), lifecycle);
      out.print(system.banner());
      out.flush();
      if (!noHistory) {
        lifecycle.add(
            DemoHistoryLoader.start(
                new DemoHistory(started, historyEvents), system, out, lifecycle));
      }
      DemoTraffic traffic =
          lifecycle.add(
              new DemoTraffic(
                      system.apiBase(), system.token(), system.publicPitchIds(), system.userIds())
                  .start(rate));
      boolean stoppedByUser = reportUntilDone(out, system, lifecycle, started);
      if (runFor == null || stoppedByUser) {
        return 0;
      }
      traffic.close();
      return summarise(out, system, started, traffic, lifecycle);
    }
  }

  /** Fails before anything starts, rather than after Kafka and PostgreSQL are up. */
  private void requireFreePort(int apiPort) {
    if (apiPort == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket(apiPort)) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "port " + apiPort + " is in use; choose another with --port (0 = any free port)");
    }
  }

  /** Prints the live figures every 10 s; true if the user stopped the demo (Ctrl-C). */
  private boolean reportUntilDone(
      PrintWriter out, DemoSystem system, Lifecycle lifecycle, Instant started) throws Exception {
    Instant deadline = runFor == null ? Instant.MAX : started.plus(runFor);
    while (Instant.now().isBefore(deadline)) {
      Duration untilDeadline = Duration.between(Instant.now(), deadline);
      if (lifecycle.awaitShutdown(
          untilDeadline.compareTo(REPORT_EVERY) < 0 ? untilDeadline : REPORT_EVERY)) {
        return true;
      }
      out.printf(
          "%n-- last minute, per route (final + provisional windows) at %s%n", Instant.now());
      out.print(
          RouteStats.table(
              RouteStats.since(system.database(), Instant.now().minus(Duration.ofMinutes(1)))));
      out.flush();
    }
    return false;
  }

  /**
   * Waits (bounded) until the database has counted every answered request, then prints the run's
   * figures. The last window is still open, so its provisional values are part of the summary.
   */
  private int summarise(
      PrintWriter out, DemoSystem system, Instant started, DemoTraffic traffic, Lifecycle lifecycle)
      throws Exception {
    List<RouteStats> stats =
        system.awaitCounted(started, traffic.answered(), SETTLE_TIMEOUT, lifecycle);
    long counted = stats.stream().mapToLong(RouteStats::requests).sum();
    out.printf(
        "%n== Summary: %d requests sent, %d answered (%d with 5xx or no answer); %d counted in PostgreSQL%n",
        traffic.sent(), traffic.answered(), traffic.failed(), counted);
    out.print(RouteStats.table(stats));
    out.flush();
    if (counted == 0) {
      spec.commandLine()
          .getErr()
          .println("pitchey demo: no request reached the database: the pipeline is broken");
      return 1;
    }
    return 0;
  }
}
