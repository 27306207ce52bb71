package io.pitchey.aggregator.sink;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells database errors worth retrying (they clear by themselves) from those that never will. */
final class TransientSqlErrors {
  private TransientSqlErrors() {}

  static boolean isTransient(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    // HikariCP's pool timeout is an SQLTransientConnectionException, caught above.
    return state != null
        && (state.startsWith("08") // connection exception
            || state.equals("40001") // serialization failure
            || state.equals("40P01") // deadlock detected
            || state.startsWith("53") // insufficient resources
            || state.equals("57P01") // admin shutdown
            || state.equals("57P02") // crash shutdown
            || state.equals("57P03")); // cannot connect now (starting up)
  }
}
