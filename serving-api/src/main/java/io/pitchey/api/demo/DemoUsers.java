package io.pitchey.api.demo;

import static org.jooq.impl.DSL.field;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;

/**
 * The demo users: copied into a temporary table, then inserted where their handle is new. COPY
 * cannot skip existing rows itself, and the staging table keeps each user's index, so their ids can
 * be read back in index order with one query.
 */
final class DemoUsers {
  private DemoUsers() {}

  /** A user and their index, the order in which ids are reported. */
  private record Staged(int seq, DemoContent.DemoUser user) {}

  /** Inserts the users not there yet; returns how many that was. */
  static int insertMissing(Connection connection, DSLContext db, List<DemoContent.DemoUser> users)
      throws SQLException {
    db.execute(
        """
        create temporary table demo_users (
          seq integer primary key, handle text, display_name text, email text, bio text,
          created_at timestamptz
        ) on commit drop
        """);
    List<Staged> staged =
        IntStream.range(0, users.size()).mapToObj(i -> new Staged(i, users.get(i))).toList();
    CopyRows.copy(
        connection,
        "demo_users (seq, handle, display_name, email, bio, created_at)",
        staged,
        (entry, row) ->
            row.add(entry.seq())
                .add(entry.user().handle())
                .add(entry.user().displayName())
                .add(entry.user().email())
                .add(entry.user().bio())
                .add(entry.user().createdAt()));
    return db.execute(
        """
        insert into app.users (handle, display_name, email, bio, created_at)
        select handle, display_name, email, bio, created_at from demo_users order by seq
        on conflict do nothing
        """);
  }

  /** The ids of the first {@code count} demo users, by index. */
  static List<Long> idsInIndexOrder(DSLContext db, int count) {
    Result<Record2<String, Long>> rows =
        db.resultQuery(
                """
                select d.handle, u.id from demo_users d left join app.users u using (handle)
                order by d.seq
                """)
            .coerce(field("handle", String.class), field("id", Long.class))
            .fetch();
    if (rows.size() != count) {
      throw new IllegalStateException("expected " + count + " demo users, staged " + rows.size());
    }
    return rows.map(
        row -> {
          if (row.value2() == null) {
            // only if another user already holds the e-mail address: a clash with non-demo data
            throw new IllegalStateException("demo user " + row.value1() + " could not be created");
          }
          return row.value2();
        });
  }
}
