package io.pitchey.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseFailureTest {
  @ParameterizedTest
  @CsvSource({
    "08001, UNREACHABLE",
    "08006, CONNECTION_LOST",
    "57P01, CONNECTION_LOST",
    "57P03, CONNECTION_LOST",
    "57014, TIMEOUT",
    "40001, CONFLICT",
    "40P01, CONFLICT",
    "23505, OTHER",
    "42P01, OTHER"
  })
  void sql_states_are_classified_wherever_they_are_in_the_cause_chain(
      String state, DatabaseFailure expected) {
    DataAccessException wrapped =
        new DataAccessException("query failed", new SQLException("cause", state));

    assertThat(DatabaseFailure.of(wrapped)).isEqualTo(expected);
  }

  @Test
  void a_pool_timeout_is_unreachable_and_not_retried() {
    DatabaseFailure failure =
        DatabaseFailure.of(
            new DataAccessException(
                "no connection", new SQLTransientConnectionException("request timed out")));

    assertThat(failure).isEqualTo(DatabaseFailure.UNREACHABLE);
    assertThat(failure.retriable()).isFalse();
    assertThat(failure.unavailable()).isTrue();
  }
}
