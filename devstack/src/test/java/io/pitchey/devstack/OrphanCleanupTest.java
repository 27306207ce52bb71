package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrphanCleanupTest {

  @Test
  void a_postgres_orphaned_by_a_killed_jvm_is_stopped_by_the_next_start() {
    Path data;
    ProcessHandle orphan;
    try (ChildJvm child = ChildJvm.builder(PostgresChild.class).start()) {
      data = Path.of(child.waitForOutputGroup("^ready data=(.+)$", Duration.ofSeconds(60)));
      orphan = Postmaster.find(data).orElseThrow();

      child.kill(); // no shutdown hook runs: the postmaster is left behind
    }
    assertThat(Postmaster.isGone(orphan)).isFalse();

    try (LocalPostgres next = LocalPostgres.start()) {
      assertThat(next.isRunning()).isTrue();
    }

    assertThat(Postmaster.isGone(orphan)).isTrue();
    assertThat(Files.exists(data)).isFalse();
    assertThat(Postmaster.find(data)).isEqualTo(Optional.empty());
  }
}
