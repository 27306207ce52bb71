package io.pitchey.web.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code static/manifest.json}: for each asset, by logical name, its served file, content type,
 * sizes and the strong entity tag of each variant. Files sit beside it as {@code <file>}, {@code
 * <file>.br} and {@code <file>.gz}. Keys are sorted, so the same assets give the same bytes.
 *
 * <pre>{@code
 * {"format": 1, "assets": {"app.js": {"file": "app.3f2a9c0b1d.js",
 *   "content_type": "text/javascript;charset=utf-8", "immutable": true,
 *   "sizes": {"raw": 3712, "minified": 1650, "br": 702, "gzip": 811},
 *   "etags": {"identity": "\"...\"", "br": "\"...\"", "gzip": "\"...\""}}}}
 * }</pre>
 */
final class Manifest {
  static final String FILE_NAME = "manifest.json";
  static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Manifest() {}

  static byte[] json(List<BuiltAsset> assets) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode entries = root.putObject("assets");
    sorted(assets).forEach(asset -> describe(entries.putObject(asset.logicalName()), asset));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private static void describe(ObjectNode entry, BuiltAsset asset) {
    entry.put("file", asset.file());
    entry.put("content_type", asset.kind().contentType());
    entry.put("immutable", asset.kind().hashed());
    ObjectNode sizes = entry.putObject("sizes");
    sizes.put("raw", asset.rawBytes());
    sizes.put("minified", asset.minified().length);
    sizes.put("br", asset.brotli().length);
    sizes.put("gzip", asset.gzip().length);
    ObjectNode etags = entry.putObject("etags");
    etags.put("identity", BuiltAsset.etag(asset.minified()));
    etags.put("br", BuiltAsset.etag(asset.brotli()));
    etags.put("gzip", BuiltAsset.etag(asset.gzip()));
  }

  /** The sizes as a Markdown table, for the documentation. */
  static String sizeTable(List<BuiltAsset> assets) {
    StringBuilder table =
        new StringBuilder(
            "| asset | served as | raw | minified | Brotli | gzip |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: |\n");
    long raw = 0;
    long minified = 0;
    long brotli = 0;
    long gzip = 0;
    for (BuiltAsset asset : sorted(assets)) {
      table.append(
          String.format(
              Locale.ROOT,
              "| `%s` | `%s` | %,d | %,d | %,d | %,d |\n",
              asset.logicalName(),
              asset.file(),
              asset.rawBytes(),
              asset.minified().length,
              asset.brotli().length,
              asset.gzip().length));
      raw += asset.rawBytes();
      minified += asset.minified().length;
      brotli += asset.brotli().length;
      gzip += asset.gzip().length;
    }
    table.append(
        String.format(
            Locale.ROOT, "| **total** | | %,d | %,d | %,d | %,d |\n", raw, minified, brotli, gzip));
    return table.toString();
  }

  private static List<BuiltAsset> sorted(List<BuiltAsset> assets) {
    return assets.stream().sorted(Comparator.comparing(BuiltAsset::logicalName)).toList();
  }
}
