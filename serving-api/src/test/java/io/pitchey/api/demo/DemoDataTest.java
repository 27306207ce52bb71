package io.pitchey.api.demo;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;
import static io.pitchey.api.db.schema.Tables.PITCHES;
import static io.pitchey.api.db.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.auth.Tokens;
import io.pitchey.api.db.Database;
import io.pitchey.api.pitch.Genres;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class DemoDataTest {
  private HikariDataSource dataSource;

  @BeforeEach
  void migrate(LocalPostgres postgres) {
    String database = postgres.createUniqueDatabase("demo");
    dataSource =
        DataSources.pooled(
            new DatabaseSettings(
                postgres.jdbcUrl(database), postgres.user(), postgres.password(), Optional.empty()),
            "demo-test",
            2);
    Migrations.migrate(dataSource);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void seeding_twice_with_one_seed_leaves_the_same_users_and_pitches() {
    SeedReport first = DemoData.seed(dataSource, 5, 40, 7);
    SeedReport second = DemoData.seed(dataSource, 5, 40, 7);

    assertThat(first.usersInserted()).isEqualTo(5);
    assertThat(first.pitchesInserted()).isEqualTo(40);
    assertThat(second.usersInserted()).isZero();
    assertThat(second.pitchesInserted()).isZero();
    assertThat(second.userIds()).isEqualTo(first.userIds());
    assertThat(second.publicPitchIds())
        .isEqualTo(first.publicPitchIds())
        .isNotEmpty()
        .hasSizeLessThan(40);
  }

  @Test
  void asking_for_more_tops_up_without_duplicating() {
    DemoData.seed(dataSource, 3, 10, 7);

    SeedReport grown = DemoData.seed(dataSource, 4, 25, 7);

    assertThat(grown.usersInserted()).isEqualTo(1);
    assertThat(grown.pitchesInserted()).isEqualTo(15);
    assertThat(grown.userIds()).hasSize(4);
  }

  @Test
  void seeded_pitches_have_searchable_multi_sentence_synopses() {
    DemoData.seed(dataSource, 3, 60, 7);
    DSLContext sql = Database.using(dataSource);

    int withSynopsis =
        sql.fetchCount(PITCHES, PITCHES.SYNOPSIS.like("%. %").and(PITCHES.GENRE.in(Genres.ALL)));
    int matchingStory =
        sql.fetchCount(
            PITCHES, DSL.condition("search_vector @@ websearch_to_tsquery('english', 'story')"));

    assertThat(withSynopsis).isEqualTo(60);
    assertThat(matchingStory).isEqualTo(60); // every synopsis tells "a ... story about ..."
  }

  @Test
  void text_with_copy_control_characters_arrives_unchanged() throws Exception {
    String tricky = "tab\there, a backslash \\, a\nnewline, a carriage\rreturn and \\N";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      CopyRows.copy(
          connection,
          "app.users (handle, display_name, email)",
          List.of(tricky),
          (name, row) -> row.add("copy_test").add(name).add("copy@test"));
      connection.commit();
    }

    assertThat(
            Database.using(dataSource)
                .select(USERS.DISPLAY_NAME)
                .from(USERS)
                .where(USERS.HANDLE.eq("copy_test"))
                .fetchSingle(USERS.DISPLAY_NAME))
        .isEqualTo(tricky);
  }

  @Test
  void deferred_indexes_are_rebuilt_exactly_as_they_were() {
    DSLContext sql = Database.using(dataSource);
    String definitions =
        "select string_agg(indexdef, ';' order by indexname) from pg_indexes"
            + " where schemaname = 'app' and tablename = 'pitches'";
    Object before = sql.fetchValue(definitions);

    Object during =
        sql.transactionResult(
            tx -> {
              DeferredIndexes indexes = DeferredIndexes.drop(tx.dsl(), "app", "pitches");
              Object dropped = tx.dsl().fetchValue(definitions);
              indexes.rebuild();
              return dropped;
            });

    assertThat(String.valueOf(during)).contains("pitches_pkey").doesNotContain("search_idx");
    assertThat(sql.fetchValue(definitions)).isEqualTo(before);
  }

  @Test
  void each_token_is_new_and_stored_as_its_sha256() {
    long user = DemoData.seed(dataSource, 1, 0, 7).userIds().get(0);

    String first = DemoData.createToken(dataSource, user);
    String second = DemoData.createToken(dataSource, user);

    assertThat(first).isNotEqualTo(second).matches("[A-Za-z0-9_-]{43}");
    assertThat(
            Database.using(dataSource)
                .fetchCount(API_TOKENS, API_TOKENS.TOKEN_SHA256.eq(Tokens.sha256(first))))
        .isEqualTo(1);
  }
}
