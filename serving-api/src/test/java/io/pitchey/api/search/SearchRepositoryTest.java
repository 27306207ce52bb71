package io.pitchey.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pitchey.api.db.ReadPath;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class SearchRepositoryTest {
  @TempDir static Path cacheDir;
  private static ApiFixture api;
  private static DSLContext sql;
  private static TestPitches pitches;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api = ApiFixture.start(postgres, cacheDir, new RecordingPublisher(), MutableClock.atNow());
    sql = DSL.using(api.dataSource(), SQLDialect.POSTGRES);
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    pitches = new TestPitches(api.dataSource(), owner);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void more_matches_than_candidates_report_the_cap_as_a_lower_bound() {
    for (int i = 0; i < 3; i++) {
      pitches.insertText("Narwhal " + i, "", "");
    }
    SearchQuery narwhal = new SearchQuery("narwhal", 1, 10);

    SearchResults capped = new SearchRepository(ReadPath.direct(sql), 2).search(narwhal);
    SearchResults exact = new SearchRepository(ReadPath.direct(sql), 3).search(narwhal);

    assertThat(capped.total()).isEqualTo(2);
    assertThat(capped.totalCapped()).isTrue();
    assertThat(capped.items()).hasSize(2);
    assertThat(exact.total()).isEqualTo(3);
    assertThat(exact.totalCapped()).isFalse();
    assertThat(exact.items()).hasSize(3);
  }

  @Test
  void a_page_past_the_ranked_candidates_is_empty() {
    for (int i = 0; i < 3; i++) {
      pitches.insertText("Axolotl " + i, "", "");
    }

    SearchResults page2 =
        new SearchRepository(ReadPath.direct(sql), 2).search(new SearchQuery("axolotl", 2, 2));

    assertThat(page2.items()).isEmpty();
    assertThat(page2.total()).isZero();
  }

  @Test
  void at_least_one_candidate_is_ranked() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SearchRepository(ReadPath.direct(sql), 0))
        .withMessageContaining("candidates");
  }
}
