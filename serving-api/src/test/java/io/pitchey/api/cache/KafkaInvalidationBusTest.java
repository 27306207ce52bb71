package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaInvalidationBusTest {
  private static final int PATTERNS_PER_PITCH_WRITE = 5;

  @Test
  void publishing_while_kafka_is_unreachable_returns_at_once_and_counts_the_failures()
      throws IOException {
    try (KafkaInvalidationBus bus =
        KafkaInvalidationBus.create("127.0.0.1:" + closedPort(), "unreachable")) {
      long start = System.nanoTime();
      for (int i = 0; i < PATTERNS_PER_PITCH_WRITE; i++) {
        bus.publish("pitch:" + i);
      }
      Duration publishing = Duration.ofNanos(System.nanoTime() - start);

      assertThat(publishing).isLessThan(Duration.ofMillis(250));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> bus.failedPublishes() == PATTERNS_PER_PITCH_WRITE);
    }
  }

  /** A port nothing listens on: bound once, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
