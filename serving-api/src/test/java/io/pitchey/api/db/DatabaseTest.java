package io.pitchey.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.PoolSettings;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads on the replica, writes on the primary, transient failures retried, and every wait bounded,
 * on a real PostgreSQL. The "replica" is a second database on the same server, so {@code
 * current_database()} tells which pool answered.
 */
@ExtendWith(DevStackExtension.class)
class DatabaseTest {
  private static final PoolSettings POOL =
      new PoolSettings(2, Duration.ofMillis(500), Duration.ofSeconds(2));
  private static final String WHICH = "select current_database()";

  private static DatabaseSettings settings(
      LocalPostgres postgres, String primary, Optional<String> replica) {
    return new DatabaseSettings(
        postgres.jdbcUrl(primary),
        postgres.user(),
        postgres.password(),
        replica.map(postgres::jdbcUrl));
  }

  private static DatabasePools open(LocalPostgres postgres, PoolSettings pool) {
    String primary = postgres.createUniqueDatabase("primary");
    return DatabasePools.open(
        settings(postgres, primary, Optional.empty()), "db-test", pool, ReadRetry.defaults());
  }

  @Test
  void reads_go_to_the_replica_and_writes_to_the_primary(LocalPostgres postgres) {
    String primary = postgres.createUniqueDatabase("primary");
    String replica = postgres.createUniqueDatabase("replica");
    try (DatabasePools pools =
        DatabasePools.open(
            settings(postgres, primary, Optional.of(replica)),
            "db-test",
            POOL,
            ReadRetry.defaults())) {
      Database database = pools.database();

      assertThat(database.writes().fetchValue(WHICH)).isEqualTo(primary);
      assertThat(database.reads().fetchValue(WHICH)).isEqualTo(replica);
      Object readWithRetries = database.read(sql -> sql.fetchValue(WHICH));
      assertThat(readWithRetries).isEqualTo(replica);
    }
  }

  @Test
  void without_a_replica_reads_go_to_the_primary(LocalPostgres postgres) {
    try (DatabasePools pools = open(postgres, POOL)) {
      assertThat(pools.replica()).isEmpty();
      assertThat(pools.database().reads().fetchValue(WHICH))
          .isEqualTo(pools.database().writes().fetchValue(WHICH));
    }
  }

  @Test
  void a_read_whose_connection_is_terminated_is_retried_and_counted(LocalPostgres postgres) {
    try (DatabasePools pools = open(postgres, POOL)) {
      Database database = pools.database();
      AtomicInteger attempts = new AtomicInteger();

      Object answer =
          database.read(
              sql -> {
                if (attempts.getAndIncrement() == 0) {
                  // what a failover or an administrator does to every session: 57P01
                  sql.execute("select pg_terminate_backend(pg_backend_pid())");
                }
                return sql.fetchValue("select 42");
              });

      assertThat(answer).isEqualTo(42);
      assertThat(attempts).hasValue(2);
      assertThat(database.retries()).isEqualTo(1);
    }
  }

  @Test
  void a_serialization_failure_is_retried_a_bounded_number_of_times(LocalPostgres postgres) {
    try (DatabasePools pools = open(postgres, POOL)) {
      Database database = pools.database();
      AtomicInteger attempts = new AtomicInteger();

      assertThatThrownBy(
              () ->
                  database.read(
                      sql -> {
                        attempts.incrementAndGet();
                        return sql.execute(
                            "do $$ begin raise exception 'conflict' using errcode = '40001'; end $$");
                      }))
          .isInstanceOf(DataAccessException.class);
      assertThat(attempts).hasValue(1 + ReadRetry.DEFAULT_RETRIES);
      assertThat(database.retries()).isEqualTo(ReadRetry.DEFAULT_RETRIES);
    }
  }

  @Test
  void a_failure_that_is_not_transient_is_not_retried(LocalPostgres postgres) {
    try (DatabasePools pools = open(postgres, POOL)) {
      Database database = pools.database();
      AtomicInteger attempts = new AtomicInteger();

      assertThatThrownBy(
              () ->
                  database.read(
                      sql -> {
                        attempts.incrementAndGet();
                        return sql.fetchValue("select * from no_such_table");
                      }))
          .isInstanceOf(DataAccessException.class);
      assertThat(attempts).hasValue(1);
      assertThat(database.retries()).isZero();
    }
  }

  @Test
  void a_statement_over_the_statement_timeout_is_cancelled_as_a_timeout(LocalPostgres postgres) {
    PoolSettings impatient = new PoolSettings(2, Duration.ofMillis(500), Duration.ofMillis(200));
    try (DatabasePools pools = open(postgres, impatient)) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> pools.database().writes().execute("select pg_sleep(5)"))
          .isInstanceOfSatisfying(
              DataAccessException.class,
              e -> assertThat(DatabaseFailure.of(e)).isEqualTo(DatabaseFailure.TIMEOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void an_exhausted_pool_fails_within_the_connection_timeout_as_unreachable(LocalPostgres postgres)
      throws Exception {
    PoolSettings one = new PoolSettings(1, Duration.ofMillis(300), Duration.ofSeconds(2));
    try (DatabasePools pools = open(postgres, one);
        Connection held = pools.primary().getConnection()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> pools.database().writes().fetchValue("select 1"))
          .isInstanceOfSatisfying(
              DataAccessException.class,
              e -> assertThat(DatabaseFailure.of(e)).isEqualTo(DatabaseFailure.UNREACHABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(held.isValid(1)).isTrue();
    }
  }
}
