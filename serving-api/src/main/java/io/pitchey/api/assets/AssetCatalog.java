package io.pitchey.api.assets;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.ContentCoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The assets listed in {@code static/manifest.json} on the classpath (written by the {@code
 * web-assets} build), loaded once at start-up with every variant in memory. Immutable and safe to
 * share between threads.
 *
 * <p>Loading fails, and with it start-up, when the manifest is missing or does not match the files
 * beside it: a server without its assets would only fail later, one browser at a time.
 */
public final class AssetCatalog {
  static final String FOLDER = "static/";
  private static final String MANIFEST = FOLDER + "manifest.json";
  private static final int FORMAT = 1;
  private static final Map<ContentCoding, String> FILE_SUFFIX =
      Map.of(ContentCoding.IDENTITY, "", ContentCoding.BROTLI, ".br", ContentCoding.GZIP, ".gz");
  private static final Map<ContentCoding, String> MANIFEST_KEY =
      Map.of(
          ContentCoding.IDENTITY,
          "identity",
          ContentCoding.BROTLI,
          "br",
          ContentCoding.GZIP,
          "gzip");
  private static final Map<ContentCoding, String> SIZE_KEY =
      Map.of(
          ContentCoding.IDENTITY,
          "minified",
          ContentCoding.BROTLI,
          "br",
          ContentCoding.GZIP,
          "gzip");

  private final Map<String, StaticAsset> byLogicalName;
  private final Map<String, StaticAsset> immutableByFile;

  private AssetCatalog(Map<String, StaticAsset> byLogicalName) {
    this.byLogicalName = Map.copyOf(byLogicalName);
    Map<String, StaticAsset> byFile = new LinkedHashMap<>();
    byLogicalName.values().stream()
        .filter(StaticAsset::immutable)
        .forEach(asset -> byFile.put(asset.file(), asset));
    this.immutableByFile = Map.copyOf(byFile);
  }

  /** The assets the {@code web-assets} module put on this class's classpath. */
  public static AssetCatalog fromClasspath() {
    return load(AssetCatalog.class.getClassLoader());
  }

  static AssetCatalog load(ClassLoader loader) {
    JsonNode manifest = readJson(loader, MANIFEST);
    if (manifest.path("format").asInt() != FORMAT) {
      throw new IllegalStateException(MANIFEST + " is not format " + FORMAT);
    }
    Map<String, StaticAsset> assets = new LinkedHashMap<>();
    manifest
        .path("assets")
        .properties()
        .forEach(
            entry -> assets.put(entry.getKey(), asset(loader, entry.getKey(), entry.getValue())));
    return new AssetCatalog(assets);
  }

  /** A content-hashed asset by its served name; pages are not found here. */
  public Optional<StaticAsset> immutable(String file) {
    return Optional.ofNullable(immutableByFile.get(file));
  }

  /** Any asset by its logical name, e.g. {@code index.html}. */
  public Optional<StaticAsset> byLogicalName(String logicalName) {
    return Optional.ofNullable(byLogicalName.get(logicalName));
  }

  public Collection<StaticAsset> all() {
    return byLogicalName.values();
  }

  private static StaticAsset asset(ClassLoader loader, String logicalName, JsonNode entry) {
    String file = text(entry, "file", logicalName);
    Map<ContentCoding, StaticAsset.Variant> variants = new EnumMap<>(ContentCoding.class);
    for (ContentCoding coding : ContentCoding.values()) {
      byte[] body = readBytes(loader, FOLDER + file + FILE_SUFFIX.get(coding));
      long expected = entry.path("sizes").path(SIZE_KEY.get(coding)).asLong(-1);
      if (body.length != expected) {
        throw new IllegalStateException(
            file
                + FILE_SUFFIX.get(coding)
                + " has "
                + body.length
                + " bytes; the manifest says "
                + expected);
      }
      String etag = text(entry.path("etags"), MANIFEST_KEY.get(coding), logicalName);
      variants.put(coding, new StaticAsset.Variant(body, etag));
    }
    return new StaticAsset(
        logicalName,
        file,
        text(entry, "content_type", logicalName),
        entry.path("immutable").asBoolean(false),
        variants);
  }

  private static String text(JsonNode node, String field, String logicalName) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalStateException(MANIFEST + ": " + logicalName + " has no " + field);
    }
    return value.asText();
  }

  private static JsonNode readJson(ClassLoader loader, String resource) {
    try {
      return ApiJson.mapper().readTree(readBytes(loader, resource));
    } catch (IOException e) {
      throw new IllegalStateException(resource + " is not valid JSON", e);
    }
  }

  private static byte[] readBytes(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath: build the web-assets module first");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
