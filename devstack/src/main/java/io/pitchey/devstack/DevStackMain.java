package io.pitchey.devstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Kafka and PostgreSQL for manual use and keeps them up until Ctrl-C.
 *
 * <pre>
 * java -cp ... io.pitchey.devstack.DevStackMain [--kafka-port=N] [--postgres-port=N] [--dir=PATH]
 * </pre>
 *
 * Ports default to free ones. Without {@code --dir} the data is temporary and deleted on exit; with
 * it, Kafka lives in {@code PATH/kafka} and PostgreSQL in {@code PATH/postgres}, and both survive
 * restarts.
 */
public final class DevStackMain {

  private DevStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    KafkaOptions kafka = KafkaOptions.defaults();
    PostgresOptions postgres = PostgresOptions.defaults();
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--kafka-port=")) {
        kafka = kafka.withPort(Integer.parseInt(value));
      } else if (arg.startsWith("--postgres-port=")) {
        postgres = postgres.withPort(Integer.parseInt(value));
      } else if (arg.startsWith("--dir=")) {
        kafka = kafka.withDataDirectory(Path.of(value, "kafka"));
        postgres = postgres.withDirectory(Path.of(value, "postgres"));
      } else {
        System.err.println(
            "unknown argument: "
                + arg
                + "\nusage: DevStackMain [--kafka-port=N] [--postgres-port=N] [--dir=PATH]");
        System.exit(2);
      }
    }

    DevStack stack = DevStack.start(kafka, postgres);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stack.close();
                    System.out.println("dev stack stopped");
                  } finally {
                    stopped.countDown();
                  }
                },
                "devstack-main-shutdown"));

    PrintStream out = System.out;
    out.println("Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
    out.println(
        "PostgreSQL JDBC URL:     "
            + stack.postgres().jdbcUrl()
            + "  (user "
            + stack.postgres().user()
            + ", password "
            + stack.postgres().password()
            + ")");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await(); // the JVM exits once the shutdown hook has closed the stack
  }
}
