package io.pitchey.api.demo;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.auth.Tokens;
import io.pitchey.api.db.Database;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.util.Optional;
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
