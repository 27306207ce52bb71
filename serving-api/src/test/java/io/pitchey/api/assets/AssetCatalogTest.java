package io.pitchey.api.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.http.ContentCoding;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AssetCatalogTest {
  private final AssetCatalog catalog = AssetCatalog.fromClasspath();

  @Test
  void the_manifest_lists_the_landing_page_and_the_hashed_assets_it_uses() {
    assertThat(catalog.all())
        .extracting(StaticAsset::logicalName)
        .contains("index.html", "app.css", "app.js", "favicon.svg");
    assertThat(catalog.byLogicalName("index.html").orElseThrow().immutable()).isFalse();
    assertThat(catalog.immutable("index.html")).isEmpty();
  }

  @Test
  void every_hashed_name_is_the_first_ten_hex_digits_of_the_sha256_of_the_content() {
    for (StaticAsset asset : catalog.all()) {
      if (!asset.immutable()) {
        continue;
      }
      String name = asset.logicalName();
      int dot = name.lastIndexOf('.');
      String hash = sha256Hex(asset.variant(ContentCoding.IDENTITY).body()).substring(0, 10);
      assertThat(asset.file()).isEqualTo(name.substring(0, dot) + "." + hash + name.substring(dot));
      assertThat(catalog.immutable(asset.file())).containsSame(asset);
    }
  }

  @Test
  void every_variant_decodes_to_the_minified_bytes_and_has_the_etag_of_its_own_bytes() {
    for (StaticAsset asset : catalog.all()) {
      byte[] identity = asset.variant(ContentCoding.IDENTITY).body();
      assertThat(asset.codings()).containsExactlyInAnyOrder(ContentCoding.values());
      for (ContentCoding coding : ContentCoding.values()) {
        StaticAsset.Variant variant = asset.variant(coding);
        assertThat(Variants.decode(coding, variant.body()))
            .as("%s as %s", asset.logicalName(), coding)
            .isEqualTo(identity);
        assertThat(variant.etag())
            .isEqualTo('"' + sha256Hex(variant.body()).substring(0, 32) + '"');
      }
      assertThat(asset.variant(ContentCoding.BROTLI).body()).hasSizeLessThan(identity.length);
      assertThat(asset.variant(ContentCoding.GZIP).body()).hasSizeLessThan(identity.length);
    }
  }

  @Test
  void text_assets_name_their_charset() {
    assertThat(catalog.byLogicalName("app.js").orElseThrow().contentType())
        .isEqualTo("text/javascript;charset=utf-8");
    assertThat(catalog.byLogicalName("app.css").orElseThrow().contentType())
        .isEqualTo("text/css;charset=utf-8");
    assertThat(catalog.byLogicalName("index.html").orElseThrow().contentType())
        .isEqualTo("text/html;charset=utf-8");
    assertThat(catalog.byLogicalName("favicon.svg").orElseThrow().contentType())
        .isEqualTo("image/svg+xml");
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
