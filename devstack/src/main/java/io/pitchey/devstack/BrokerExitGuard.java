package io.pitchey.devstack;

import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an in-process broker from ending the JVM it is embedded in.
 *
 * <p>On fatal errors (e.g. its log directory vanished) the broker calls Kafka's {@code Exit.halt},
 * which would kill the whole test JVM: every test in it fails with nothing but "the forked VM
 * terminated". With this guard the request is logged at ERROR instead; the broker is then unusable,
 * and the tests using it fail on their own bounded waits, with this log line explaining why. Only
 * Kafka's server-side code calls {@code Exit}; Kafka clients and Kafka Streams never do, so
 * applications are not affected. (Kafka-internal API: {@code
 * org.apache.kafka.common.utils.internals.Exit}.)
 */
final class BrokerExitGuard {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerExitGuard.class);
  private static boolean installed; // guarded by BrokerExitGuard.class

  private BrokerExitGuard() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    Exit.setExitProcedure(
        (status, message) ->
            LOG.error(
                "embedded Kafka asked to exit the JVM (status {}): {}; refused, the broker is now unusable",
                status,
                message,
                new IllegalStateException("Exit.exit called from here")));
    Exit.setHaltProcedure(
        (status, message) ->
            LOG.error(
                "embedded Kafka asked to halt the JVM (status {}): {}; refused, the broker is now unusable",
                status,
                message,
                new IllegalStateException("Exit.halt called from here")));
  }
}
