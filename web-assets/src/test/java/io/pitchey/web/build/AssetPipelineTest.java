package io.pitchey.web.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetPipelineTest {
  private static final Path SOURCES = Path.of("src/main/web");

  @TempDir static Path firstBuild;
  @TempDir static Path secondBuild;
  private static List<BuiltAsset> assets;

  @BeforeAll
  static void buildTwice() throws IOException {
    assets = AssetPipeline.build(SOURCES, firstBuild);
    AssetPipeline.build(SOURCES, secondBuild);
  }

  @Test
  void the_same_sources_build_the_same_bytes() throws IOException {
    Map<String, byte[]> first = contents(firstBuild);

    assertThat(first).containsKey("manifest.json").hasSize(assets.size() * 3 + 1);
    assertThat(contents(secondBuild))
        .containsOnlyKeys(first.keySet())
        .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(first.get(name)));
  }

  @Test
  void gzip_variants_carry_no_timestamp() {
    for (BuiltAsset asset : assets) {
      byte[] gzip = asset.gzip();
      assertThat(new byte[] {gzip[4], gzip[5], gzip[6], gzip[7]})
          .as("MTIME of %s.gz", asset.file())
          .containsOnly(0);
    }
  }

  @Test
  void every_minified_file_is_smaller_than_its_source_and_compresses_further() {
    for (BuiltAsset asset : assets) {
      assertThat((long) asset.minified().length).as(asset.file()).isLessThan(asset.rawBytes());
      assertThat(asset.brotli().length).as(asset.file()).isLessThan(asset.minified().length);
      assertThat(asset.gzip().length).as(asset.file()).isLessThan(asset.minified().length);
    }
  }

  @Test
  void the_minified_script_still_finds_every_element_it_uses_in_the_minified_page() {
    String script = text("app.js");
    String page = text("index.html");
    Set<String> usedIds = all(Pattern.compile("getElementById\\(\"([^\"]+)\"\\)"), script);
    Set<String> pageIds = all(Pattern.compile(" id=\"([^\"]+)\""), page);

    assertThat(usedIds).contains("health-status", "health-checks", "trending-list");
    assertThat(pageIds).containsAll(usedIds);
    assertThat(script).contains("\"/api/health\"", "\"/api/live/trending\"");
  }

  @Test
  void the_page_references_each_asset_by_its_hashed_name() {
    String page = text("index.html");
    for (BuiltAsset asset : assets) {
      if (asset.kind().hashed()) {
        assertThat(page)
            .contains("\"/static/" + asset.file() + "\"")
            .doesNotContain("/static/" + asset.logicalName());
        assertThat(asset.file())
            .matches(Pattern.quote(stem(asset.logicalName())) + "\\.[0-9a-f]{10}\\..+")
            .contains(BuiltAsset.sha256Hex(asset.minified()).substring(0, 10));
      }
    }
  }

  @Test
  void a_reference_to_a_missing_asset_fails_the_build(@TempDir Path sources, @TempDir Path out)
      throws IOException {
    Files.writeString(sources.resolve("page.html"), "<link href=\"/static/missing.css\">");

    assertThatThrownBy(() -> AssetPipeline.build(sources, out))
        .isInstanceOf(AssetBuildException.class)
        .hasMessageContaining("page.html")
        .hasMessageContaining("/static/missing.css");
  }

  @Test
  void javascript_that_does_not_parse_fails_the_build(@TempDir Path sources, @TempDir Path out)
      throws IOException {
    Files.writeString(sources.resolve("broken.js"), "function (");

    assertThatThrownBy(() -> AssetPipeline.build(sources, out))
        .isInstanceOf(AssetBuildException.class)
        .hasMessageContaining("broken.js");
  }

  private static String text(String logicalName) {
    BuiltAsset asset =
        assets.stream().filter(a -> a.logicalName().equals(logicalName)).findFirst().orElseThrow();
    return new String(asset.minified(), StandardCharsets.UTF_8);
  }

  private static String stem(String name) {
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static Set<String> all(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
  }

  private static Map<String, byte[]> contents(Path folder) throws IOException {
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        contents.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return contents;
  }
}
