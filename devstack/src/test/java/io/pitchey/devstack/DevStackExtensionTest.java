package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class DevStackExtensionTest {

  private static DevStack seenInBeforeAll;

  @BeforeAll
  static void remember(DevStack stack) {
    seenInBeforeAll = stack;
  }

  @Test
  void every_parameter_comes_from_one_shared_running_stack(
      DevStack stack, EmbeddedKafka kafka, LocalPostgres postgres) {
    assertThat(stack).isSameAs(seenInBeforeAll);
    assertThat(kafka).isSameAs(stack.kafka());
    assertThat(postgres).isSameAs(stack.postgres());
    assertThat(kafka.isRunning()).isTrue();
    assertThat(postgres.isRunning()).isTrue();
  }
}
