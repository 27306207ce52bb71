package io.pitchey.api.demo;

import java.util.List;
import org.jooq.DSLContext;

/**
 * Drops a table's secondary indexes for a bulk load and builds them again afterwards, in the
 * caller's transaction: building an index once over all rows is several times faster than updating
 * it row by row, above all the full-text GIN index. The definitions are read back from the catalog
 * ({@code pg_indexes}), so they stay exactly what the migrations created.
 *
 * <p>Dropping an index locks its table until the transaction ends, so readers wait for the load; a
 * rollback restores the indexes as they were.
 */
final class DeferredIndexes {
  private final DSLContext db;
  private final List<String> definitions;

  private DeferredIndexes(DSLContext db, List<String> definitions) {
    this.db = db;
    this.definitions = definitions;
  }

  /** Drops every index of {@code schema.table} that backs no constraint (keys stay). */
  static DeferredIndexes drop(DSLContext db, String schema, String table) {
    List<String> names =
        db
            .fetchValues(
                """
            select i.indexrelid::regclass::text
            from pg_index i
            where i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass
              and not exists (select from pg_constraint c where c.conindid = i.indexrelid)
            """,
                schema,
                table)
            .stream()
            .map(String::valueOf)
            .toList();
    List<String> definitions =
        names.stream()
            .map(name -> String.valueOf(db.fetchValue("select pg_get_indexdef(?::regclass)", name)))
            .toList();
    for (String name : names) {
      db.execute("drop index " + name); // a regclass text: already quoted and schema-qualified
    }
    return new DeferredIndexes(db, definitions);
  }

  /** Builds the dropped indexes again. */
  void rebuild() {
    db.execute("set local maintenance_work_mem = '256MB'");
    definitions.forEach(db::execute);
  }
}
