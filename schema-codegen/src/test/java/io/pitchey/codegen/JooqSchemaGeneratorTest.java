package io.pitchey.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental part of the generator; the generation itself is tested where it is used. */
class JooqSchemaGeneratorTest {
  @TempDir Path directory;

  @Test
  void a_current_stamp_skips_generation_without_touching_the_directory() throws Exception {
    GeneratorOptions options = options("app");
    SchemaStamp.of(CodegenConfiguration.of(options)).recordIn(directory);

    assertThat(JooqSchemaGenerator.generate(options)).isFalse();
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve(SchemaStamp.FILE_NAME));
    }
  }

  @Test
  void the_stamp_is_stable_and_follows_the_configuration() throws Exception {
    SchemaStamp app = SchemaStamp.of(CodegenConfiguration.of(options("app")));
    app.recordIn(directory);

    assertThat(SchemaStamp.of(CodegenConfiguration.of(options("app")))).isEqualTo(app);
    assertThat(SchemaStamp.of(CodegenConfiguration.of(options("app"))).isRecordedIn(directory))
        .isTrue();
    assertThat(SchemaStamp.of(CodegenConfiguration.of(options("metrics")))).isNotEqualTo(app);
  }

  @Test
  void a_missing_or_foreign_stamp_is_not_current() throws Exception {
    SchemaStamp stamp = SchemaStamp.of(CodegenConfiguration.of(options("app")));
    assertThat(stamp.isRecordedIn(directory)).isFalse();

    Files.writeString(directory.resolve(SchemaStamp.FILE_NAME), "0123\n");

    assertThat(stamp.isRecordedIn(directory)).isFalse();
  }

  @Test
  void options_are_parsed_from_the_command_line_and_checked() {
    GeneratorOptions options =
        GeneratorOptions.parse(
            "--directory=" + directory, "--package=io.pitchey.x.schema", "--schemas=app, metrics");

    assertThat(options.schemas()).containsExactly("app", "metrics");
    assertThat(options.force()).isFalse();
    assertThat(
            GeneratorOptions.parse("--directory=d", "--package=p", "--schemas=s", "--force")
                .force())
        .isTrue();
    assertThatThrownBy(() -> GeneratorOptions.parse("--directory=d", "--schemas=app"))
        .hasMessageContaining("--package is required");
    assertThatThrownBy(
            () -> GeneratorOptions.parse("--directory=d", "--package=p", "--schemas=a-b"))
        .hasMessageContaining("not a plain schema name: a-b");
    assertThatThrownBy(
            () -> GeneratorOptions.parse("--directory=d", "--package=p", "--schemas=a", "--jdbc=x"))
        .hasMessageContaining("unknown options [jdbc]");
  }

  private GeneratorOptions options(String schema) {
    return new GeneratorOptions(directory, "io.pitchey.test.schema", List.of(schema), false);
  }
}
