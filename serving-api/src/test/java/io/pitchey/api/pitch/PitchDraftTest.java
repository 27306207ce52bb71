package io.pitchey.api.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pitchey.api.http.ApiJson;
import org.junit.jupiter.api.Test;

class PitchDraftTest {
  @Test
  void omitted_optional_fields_become_empty_and_draft() throws Exception {
    PitchDraft draft =
        ApiJson.mapper().readValue("{\"title\":\" Tide \",\"genre\":\"drama\"}", PitchDraft.class);

    assertThat(draft).isEqualTo(new PitchDraft("Tide", "", "", "drama", "draft"));
  }

  @Test
  void control_characters_are_refused_naming_the_field() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("A \u0001mark\u0002", "", "", "drama", null))
        .withMessageStartingWith("title");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "one\nline", "", "drama", null))
        .withMessageStartingWith("logline");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "", "a\u0000b", "drama", null))
        .withMessageStartingWith("synopsis");
  }

  @Test
  void a_synopsis_may_have_tabs_and_line_breaks() {
    PitchDraft draft = new PitchDraft("T", "", "Act one.\r\n\tAct two.", "drama", null);

    assertThat(draft.synopsis()).isEqualTo("Act one.\r\n\tAct two.");
  }

  @Test
  void each_invalid_field_is_named_in_the_message() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft(null, "", "", "drama", null))
        .withMessageStartingWith("title");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft(" ", "", "", "drama", null))
        .withMessageStartingWith("title");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("x".repeat(201), "", "", "drama", null))
        .withMessageStartingWith("title");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "x".repeat(501), "", "drama", null))
        .withMessageStartingWith("logline");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "", "x".repeat(10_001), "drama", null))
        .withMessageStartingWith("synopsis");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "", "", "western", null))
        .withMessageStartingWith("genre");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PitchDraft("T", "", "", "drama", "deleted"))
        .withMessageStartingWith("status");
  }
}
