package io.pitchey.api.db;

import static io.pitchey.api.db.schema.App.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.field;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.Migrations;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The generated classes of {@code io.pitchey.api.db.schema} describe the {@code app} schema the
 * migrations build, column for column: a stale generation (or a hand edit) fails here before it
 * fails a query.
 */
@ExtendWith(DevStackExtension.class)
class GeneratedSchemaTest {
  private static DSLContext sql;

  /** A column as PostgreSQL names its type ({@code format_type}), and whether it takes nulls. */
  record Column(String type, boolean nullable) {}

  @BeforeAll
  static void migrate(LocalPostgres postgres) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl(postgres.createUniqueDatabase("schema")));
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    Migrations.migrate(dataSource);
    sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  @Test
  void the_generated_app_schema_has_exactly_the_migrated_tables_columns_types_and_nullability() {
    Map<String, Column> generated = new TreeMap<>();
    for (Table<?> table : APP.getTables()) {
      for (Field<?> column : table.fields()) {
        DataType<?> type = column.getDataType();
        generated.put(
            table.getName() + "." + column.getName(),
            new Column(asPostgresNamesIt(type), type.nullable()));
      }
    }

    assertThat(generated).isNotEmpty().isEqualTo(migratedColumns());
  }

  @Test
  void every_generated_table_can_be_queried_through_all_its_columns() {
    for (Table<?> table : APP.getTables()) {
      assertThat(sql.select(table.fields()).from(table).limit(1).fetch().fields())
          .as(table.getName())
          .hasSameSizeAs(table.fields());
    }
  }

  /** The type jOOQ binds the column's values as, named by PostgreSQL itself. */
  private static String asPostgresNamesIt(DataType<?> type) {
    return sql.fetchValue(field("pg_typeof({0})::text", String.class, castNull(type)));
  }

  private static Map<String, Column> migratedColumns() {
    Map<String, Column> columns = new TreeMap<>();
    sql.fetch(
            """
            select c.relname || '.' || a.attname as name,
                   format_type(a.atttypid, null) as type,
                   not a.attnotnull as nullable
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'app' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
            """)
        .forEach(
            row ->
                columns.put(
                    row.get("name", String.class),
                    new Column(row.get("type", String.class), row.get("nullable", Boolean.class))));
    return columns;
  }
}
