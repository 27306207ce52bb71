package io.pitchey.api.db;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** The API's jOOQ entry point: PostgreSQL over the caller's pool, every query metered. */
public final class Database {
  private Database() {}

  /** A thread-safe DSL context; connections are borrowed per query and returned at once. */
  public static DSLContext using(DataSource dataSource) {
    return DSL.using(
        new DefaultConfiguration()
            .set(dataSource)
            .set(SQLDialect.POSTGRES)
            // jOOQ's debug-logging listener would otherwise run on every query
            .set(new Settings().withExecuteLogging(false))
            .set(new DefaultExecuteListenerProvider(new QueryMeter())));
  }
}
