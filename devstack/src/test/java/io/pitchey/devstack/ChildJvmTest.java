package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  private static final Duration READY = Duration.ofSeconds(30);

  @Test
  void a_child_jvm_can_be_sigkilled_and_its_exit_observed() {
    try (ChildJvm child =
        ChildJvm.builder(PrintingChild.class)
            .args("a", "b")
            .systemProperty("child.prop", "x")
            .start()) {
      assertThat(child.waitForOutput("^ready", READY)).isEqualTo("ready arg=a,b prop=x");

      int exit = child.kill();

      assertThat(exit).isEqualTo(ChildJvm.SIGKILL_EXIT);
      assertThat(child.isAlive()).isFalse();
      assertThat(ProcessHandle.of(child.pid())).isEmpty();
      assertThat(child.output()).doesNotContain("shutdown hook ran");
    }
  }

  @Test
  void stopping_a_child_jvm_runs_its_shutdown_hooks() {
    try (ChildJvm child = ChildJvm.builder(PrintingChild.class).start()) {
      child.waitForOutput("^ready", READY);

      int exit = child.stop(Duration.ofSeconds(10));

      assertThat(exit).isEqualTo(ChildJvm.SIGTERM_EXIT);
      assertThat(child.output()).contains("shutdown hook ran");
    }
  }

  @Test
  void waiting_for_output_fails_fast_when_the_child_exits_first() {
    try (ChildJvm child = ChildJvm.builder("no.such.MainClass").start()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> child.waitForOutput("never", READY))
          .isInstanceOf(DevStackException.class)
          .hasMessageContaining("exited with 1")
          .hasMessageContaining("ClassNotFoundException");
    }
  }
}
